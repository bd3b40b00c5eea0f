"""Make a key for the reach API, or revoke the keys of a name."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns import api_keys


class Command(BaseCommand):
    help = _("Make a key for the reach API and print it once; --revoke revokes a name's keys.")

    def add_arguments(self, parser):
        parser.add_argument(
            "name", help=_("Who the key is for, e.g. the city-management platform.")
        )
        parser.add_argument(
            "--revoke", action="store_true", help=_("Revoke every live key with this name.")
        )

    def handle(self, *args, name, revoke, **options):
        name = name.strip()
        if not name or len(name) > 100:
            raise CommandError(_("Give a name of 1 to 100 characters."))
        if revoke:
            revoked = api_keys.revoke(name)
            if not revoked:
                raise CommandError(_("No live key is called “%(name)s”.") % {"name": name})
            message = ngettext(
                "Revoked %(count)d key called “%(name)s”.",
                "Revoked %(count)d keys called “%(name)s”.",
                revoked,
            )
            self.stdout.write(self.style.SUCCESS(message % {"count": revoked, "name": name}))
            return
        _token, key = api_keys.issue(name)
        self.stderr.write(_("The key for “%(name)s”; it is shown only this once:") % {"name": name})
        self.stdout.write(key)
