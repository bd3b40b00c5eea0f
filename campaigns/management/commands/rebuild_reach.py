"""Recompute the reach rollups from the whole participation log."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from campaigns import reach

WIDTH = 30


class Command(BaseCommand):
    help = _("Recompute the reach rollups from the whole participation log.")

    def handle(self, *args, **options):
        started = time.monotonic()
        read = reach.rebuild(progress=self.show_progress)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                _("Rebuilt reach from %(rows)d log rows in %(seconds).1f s.")
                % {"rows": read, "seconds": time.monotonic() - started}
            )
        )

    def show_progress(self, done, total):
        filled = WIDTH * done // total if total else WIDTH
        self.stdout.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total}", ending="")
        self.stdout.flush()
