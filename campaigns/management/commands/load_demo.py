"""Load the Nanchang County demo content, users and settings."""

from django.core.management.base import BaseCommand

from campaigns import reach
from campaigns.demo.builder import build_demo
from campaigns.demo.summary import DEMO_LOGINS_WARNING, summary_lines
from quizzes.demo.builder import build_quiz_demo


class Command(BaseCommand):
    help = "Load the Nanchang County demo; running it again adds only what is missing."

    def handle(self, *args, **options):
        report = build_demo()
        quizzes = build_quiz_demo()
        # The reach report reads the rollups, so bring them up to date with the demo's acts.
        rolled_up = reach.roll_up()
        for line in summary_lines(report):
            self.stdout.write(line)
        self.stdout.write(
            "问答 / quizzes: " + ", ".join(f"{n} {name}" for name, n in quizzes.items())
        )
        self.stdout.write(f"传播覆盖 / reach: {rolled_up} participations rolled up")
        self.stdout.write(self.style.WARNING(DEMO_LOGINS_WARNING))
