"""Bring the publicity staff group and every committee group up to date with campaigns.roles."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from campaigns import roles
from campaigns.models import NeighbourhoodVolunteerPage


class Command(BaseCommand):
    help = _("Create or update the staff and committee groups and their permissions.")

    def handle(self, *args, **options):
        roles.ensure_publicity_staff_group()
        pages = NeighbourhoodVolunteerPage.objects.select_related("neighbourhood__town")
        for page in pages:
            roles.ensure_committee_group(page)
        self.stdout.write(
            _("Publicity staff and %(count)d committee groups are up to date.")
            % {"count": len(pages)}
        )
