"""ensure_roles gives groups made before a release the permissions the release adds."""

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from campaigns import factories, roles

pytestmark = pytest.mark.django_db


def test_groups_made_earlier_gain_the_permissions_added_since(volunteer_index):
    page = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    staff = roles.ensure_publicity_staff_group()
    committee = roles.ensure_committee_group(page)
    reach = Permission.objects.get(codename="view_participation")
    staff.permissions.remove(reach)
    committee.permissions.remove(reach)

    call_command("ensure_roles")

    assert staff.permissions.filter(pk=reach.pk).exists()
    assert committee.permissions.filter(pk=reach.pk).exists()
