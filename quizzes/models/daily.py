"""The daily question (每日一题): one question for everyone on a date, and the answers to it."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from quizzes.models.attempts import AnsweredChoicesMixin, ordered_options


class DailyQuestion(models.Model):
    date = models.DateField(_("date"), unique=True)
    question = models.ForeignKey(
        "quizzes.Question",
        on_delete=models.PROTECT,
        related_name="daily_dates",
        verbose_name=_("question"),
    )

    panels = [FieldPanel("date"), FieldPanel("question")]

    class Meta:
        ordering = ["-date"]
        verbose_name = _("daily question")
        verbose_name_plural = _("daily questions")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.question}"

    @cached_property
    def options(self):
        """Return (letter, choice) pairs in the question's own order."""
        return ordered_options(self.question.choices.all(), [])


class DailyAnswer(AnsweredChoicesMixin, models.Model):
    daily = models.ForeignKey(
        DailyQuestion,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("daily question"),
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    neighbourhood = models.ForeignKey(
        "campaigns.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="daily_answers",
        verbose_name=_("neighbourhood"),
    )
    participant = models.CharField(_("participant key"), max_length=64, blank=True)
    resident = models.CharField(_("resident"), max_length=64)
    device = models.CharField(_("device"), max_length=64)
    # Only a resident's first answer of the day counts; later ones are graded the same way.
    counted = models.BooleanField(_("counted"), default=True)
    chosen = models.ManyToManyField(
        "quizzes.Choice", related_name="daily_answers", verbose_name=_("chosen")
    )
    correct = models.BooleanField(_("correct"))
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=4)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        ordering = ["-answered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["daily", "resident"],
                condition=models.Q(counted=True),
                name="one_counted_daily_answer_per_resident",
            )
        ]
        indexes = [models.Index(fields=["daily", "device"])]
        verbose_name = _("daily answer")
        verbose_name_plural = _("daily answers")

    def __str__(self):
        return f"{self.daily} {self.answered_at:%H:%M}"

    @property
    def options(self):
        return self.daily.options
