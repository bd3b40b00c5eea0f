"""The demo county has volunteer activities, past with hours and upcoming with sign-ups."""

import pytest
from django.core.management import call_command
from wagtail.models import WorkflowPage

from campaigns.models import VolunteerEventPage, VolunteerIndexPage, VolunteerSignup

pytestmark = pytest.mark.django_db


def test_the_demo_loads_activities_once(client):
    call_command("load_demo")
    first = VolunteerSignup.objects.count()
    call_command("load_demo")

    assert VolunteerSignup.objects.count() == first
    events = VolunteerEventPage.objects.live()
    assert events.values("neighbourhood").distinct().count() >= 3
    past = events.filter(status="held")
    assert past and all(e.signups.filter(hours__isnull=False).exists() for e in past)
    assert VolunteerSignup.objects.filter(event__status="planned", status="confirmed").exists()
    assert WorkflowPage.objects.filter(page=VolunteerIndexPage.objects.get()).exists()
    assert client.get(VolunteerIndexPage.objects.get().url).status_code == 200
