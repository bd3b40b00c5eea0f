"""A resident's attempt at a quiz and their answer to each question drawn for it."""

import uuid

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from quizzes.models.questions import LETTERS


class AnsweredChoicesMixin:
    """The lettered choices of an answer, as the resident saw them, for showing it back."""

    def chosen_options(self):
        chosen = set(self.chosen.all())
        return [(letter, choice) for letter, choice in self.options if choice in chosen]

    def correct_options(self):
        return [(letter, choice) for letter, choice in self.options if choice.is_correct]

    def outcome(self):
        """Return correct, partial or wrong, as the page labels and colours the answer."""
        if self.correct:
            return "correct"
        return "partial" if self.points else "wrong"


class Attempt(models.Model):
    quiz = models.ForeignKey(
        "quizzes.QuizPage",
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("quiz"),
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    neighbourhood = models.ForeignKey(
        "campaigns.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="quiz_attempts",
        verbose_name=_("neighbourhood"),
    )
    participant = models.CharField(_("participant key"), max_length=64, blank=True)
    # Whom the daily limit counts: the participant key when given, else the device.
    resident = models.CharField(_("resident"), max_length=64)
    device = models.CharField(_("device"), max_length=64)
    day = models.DateField(_("day"))
    slot = models.PositiveSmallIntegerField(_("attempt of the day"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The questions drawn for this attempt, each with its choices' ids in the order shown:
    # [{"question": id, "choices": [id, ...]}, ...]. Answers are written when it is submitted.
    draw = models.JSONField(_("questions drawn"), default=list)
    max_score = models.PositiveSmallIntegerField(_("questions"))
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True)
    percent = models.DecimalField(_("score (%)"), max_digits=4, decimal_places=1, null=True)
    passed = models.BooleanField(_("passed"), null=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            # The daily limit holds under concurrency: each attempt of a day takes its own slot.
            models.UniqueConstraint(
                fields=["quiz", "resident", "day", "slot"], name="one_attempt_per_daily_slot"
            ),
        ]
        indexes = [
            models.Index(fields=["quiz", "submitted_at"]),
            models.Index(fields=["quiz", "device", "day"]),
        ]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")

    def __str__(self):
        return f"{self.quiz} {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("quizzes:attempt", args=[self.token])

    def result_url(self):
        return reverse("quizzes:result", args=[self.token])

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class Answer(AnsweredChoicesMixin, models.Model):
    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="answers", verbose_name=_("attempt")
    )
    question = models.ForeignKey(
        "quizzes.Question",
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("question"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    # The choices' ids in the order the resident saw them, to letter them the same way again.
    choice_order = models.JSONField(_("choice order"), default=list)
    chosen = models.ManyToManyField(
        "quizzes.Choice", blank=True, related_name="answers", verbose_name=_("chosen")
    )
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=4)
    correct = models.BooleanField(_("correct"))

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="one_answer_per_position"),
            models.UniqueConstraint(
                fields=["attempt", "question"], name="question_once_per_attempt"
            ),
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.attempt_id}/{self.position}"

    @cached_property
    def options(self):
        """Return (letter, choice) pairs in the order this resident sees the choices."""
        return ordered_options(self.question.choices.all(), self.choice_order)


def ordered_options(choices, order):
    """Letter the choices in the stored order; choices added since go last."""
    by_id = {choice.pk: choice for choice in choices}
    ordered = [by_id.pop(pk) for pk in order if pk in by_id]
    ordered.extend(by_id.values())
    return list(zip(LETTERS, ordered, strict=False))
