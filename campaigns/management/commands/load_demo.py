"""Load the Nanchang County demo content, users and settings."""

from django.core.management.base import BaseCommand

from campaigns.demo.builder import build_demo
from campaigns.demo.summary import DEMO_LOGINS_WARNING, summary_lines


class Command(BaseCommand):
    help = "Load the Nanchang County demo; running it again adds only what is missing."

    def handle(self, *args, **options):
        report = build_demo()
        for line in summary_lines(report):
            self.stdout.write(line)
        self.stdout.write(self.style.WARNING(DEMO_LOGINS_WARNING))
