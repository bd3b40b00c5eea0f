"""The daily question (每日一题): the same question for everyone on a date, answered inline."""

import datetime
import hashlib
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns.models import Participation, record_participation
from campaigns.residents import remembered_neighbourhood_id
from home.page_cache import keep, kept
from quizzes import scoring
from quizzes.devices import known_device_key
from quizzes.forms import DailyAnswerForm
from quizzes.models import DailyAnswer, DailyQuestion, Question

# A question shown as the daily question is not picked again for this many days.
RECENT_DAYS = 60


def question_for(day):
    """Return the day's question, choosing and keeping one when staff scheduled none."""
    daily = scheduled(day)
    if daily is None:
        question_id = pick_question(day)
        if question_id is None:
            return None
        # Two first visitors of the day may pick at once; the date's unique row decides.
        DailyQuestion.objects.get_or_create(date=day, defaults={"question_id": question_id})
        daily = scheduled(day)
    return daily


def scheduled(day):
    """Return the day's daily question with its choices, kept as pages are.

    Editing a question or the schedule starts a new page cache generation
    (home/signal_handlers.py), so a kept one is never graded with choices staff have since changed.
    """
    key = f"daily-question:{day.isoformat()}"
    generation, found = kept([key])
    if key in found:
        return found[key]
    daily = DailyQuestion.objects.filter(date=day).select_related("question__regulation")
    daily = daily.prefetch_related("question__choices").first()
    if daily is not None:
        keep({key: daily}, generation)
    return daily


def pick_question(day):
    """Pick a question not shown lately, the same one for whoever asks first on that day."""
    shown = DailyQuestion.objects.filter(
        date__gte=day - datetime.timedelta(days=RECENT_DAYS), date__lte=day
    ).values("question")
    ids = list(Question.objects.exclude(pk__in=shown).values_list("pk", flat=True))
    ids = ids or list(Question.objects.values_list("pk", flat=True))
    if not ids:
        return None
    digest = hashlib.sha256(day.isoformat().encode()).digest()
    return ids[int.from_bytes(digest[:8], "big") % len(ids)]


def answer_daily(daily, *, picks, neighbourhood, participant, device, now=None):
    """Grade an answer; only the resident's first answer of the day counts as participation."""
    correct = [choice.pk for choice in daily.question.correct_choices()]
    grade = scoring.grade(daily.question.kind, correct, [choice.pk for choice in picks])
    resident = participant or device
    fields = {
        "daily": daily,
        "neighbourhood": neighbourhood,
        "participant": participant,
        "resident": resident,
        "device": device,
        "correct": grade.correct,
        "points": scoring.as_decimal(grade.points, "0.0001"),
        "answered_at": now or timezone.now(),
    }
    if not DailyAnswer.objects.filter(daily=daily, resident=resident, counted=True).exists():
        try:
            with transaction.atomic():
                return save_answer(fields, picks, counted=True)
        except IntegrityError:
            pass
    with transaction.atomic():
        return save_answer(fields, picks, counted=False)


def save_answer(fields, picks, *, counted):
    answer = DailyAnswer.objects.create(counted=counted, **fields)
    answer.chosen.set(picks)
    if counted:
        record_participation(
            Participation.Kind.QUIZ,
            neighbourhood=answer.neighbourhood,
            participant=answer.participant,
            score=(answer.points * 100).quantize(Decimal("0.1")),
            source=answer,
            at=answer.answered_at,
        )
    return answer


def home_page_context(request):
    """Return what the home page needs to show today's question, or an empty dict."""
    daily = question_for(timezone.localdate())
    if daily is None:
        return {}
    device = known_device_key(request)
    answered = (
        daily.answers.filter(device=device).order_by("answered_at").first() if device else None
    )
    initial = {"neighbourhood": remembered_neighbourhood_id(request), "day": daily.date}
    return {
        "daily": daily,
        "daily_form": DailyAnswerForm(daily, initial=initial),
        "daily_answered": answered,
    }
