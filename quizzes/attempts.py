"""Starting and submitting quiz attempts, with the daily and time limits held on the server."""

import datetime
import secrets

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from campaigns.models import Participation, record_participation
from home.page_cache import keep, kept
from quizzes import scoring
from quizzes.models import Answer, Attempt, Question, QuizPage, QuizQuestion

# Residents on a slow mobile network may press submit a moment before the limit runs out.
GRACE = datetime.timedelta(seconds=30)
UNTIMED = datetime.timedelta(hours=24)
SLOT_RETRIES = 3


class QuizUnavailable(Exception):
    """The quiz is not open, or has no questions to ask."""


class AttemptLimitReached(Exception):
    """The resident has used all of today's attempts at this quiz."""


class TimeIsUp(Exception):
    """The attempt's time limit ran out before it was submitted."""


class AlreadySubmitted(Exception):
    """The attempt was scored already; a second submission changes nothing."""


def draw_questions(quiz):
    """Return the questions of a new attempt in order, their choices prefetched."""
    if quiz.selection == QuizPage.Selection.RANDOM:
        tags = [tag.name for tag in quiz.draw_tags.all()]
        pool = Question.objects.filter(tags__name__in=tags).values_list("pk", flat=True)
        pool = sorted(set(pool))
        picked = secrets.SystemRandom().sample(pool, min(quiz.draw_count or 0, len(pool)))
    else:
        links = QuizQuestion.objects.filter(page=quiz).order_by("sort_order")
        picked = list(links.values_list("question_id", flat=True))
    found = questions_with_choices(picked)
    return [found[pk] for pk in picked if pk in found]


def questions_with_choices(ids):
    """Return {id: question} with choices prefetched, kept in the cache as pages are.

    Editing a question starts a new page cache generation (home/signal_handlers.py), so a kept
    question is never graded with choices staff have since changed.
    """
    keys = {pk: f"quiz-question:{pk}" for pk in ids}
    generation, found = kept(keys.values())
    questions = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in keys if pk not in questions]
    if missing:
        fetched = Question.objects.prefetch_related("choices").in_bulk(missing)
        keep({keys[pk]: question for pk, question in fetched.items()}, generation)
        questions.update(fetched)
    return questions


def choice_order(question, shuffle):
    """Return the ids of the question's choices in the order one resident will see them."""
    ids = [choice.pk for choice in question.choices.all()]
    if shuffle:
        secrets.SystemRandom().shuffle(ids)
    return ids


def attempts_today(quiz, *, resident, device, day):
    """Count today's attempts by this resident, whether counted by number or by device."""
    return quiz.attempts.filter(day=day).filter(Q(resident=resident) | Q(device=device)).count()


def attempts_left(quiz, device, now=None):
    """Return how many attempts this device has left today, or None when there is no limit."""
    if not quiz.attempts_per_day:
        return None
    day = timezone.localdate(now or timezone.now())
    used = attempts_today(quiz, resident=device, device=device, day=day) if device else 0
    return max(0, quiz.attempts_per_day - used)


def unfinished_attempt(quiz, device, now=None):
    """Return this device's attempt that is still running, so a second start resumes it."""
    if not device:
        return None
    running = quiz.attempts.filter(
        device=device, submitted_at__isnull=True, deadline__gt=now or timezone.now()
    )
    return running.order_by("-started_at").first()


def start_attempt(quiz, *, neighbourhood, participant, device, resume=True, now=None):
    """Start an attempt, or resume the one this device left running (unless resume is False)."""
    now = now or timezone.now()
    if quiz.state != QuizPage.State.OPEN:
        raise QuizUnavailable
    running = unfinished_attempt(quiz, device, now) if resume else None
    if running:
        return running
    questions = draw_questions(quiz)
    if not questions:
        raise QuizUnavailable
    for _retry in range(SLOT_RETRIES):
        try:
            with transaction.atomic():
                return create_attempt(quiz, questions, neighbourhood, participant, device, now)
        except IntegrityError:
            # Another request took this slot at the same moment; count again.
            continue
    raise AttemptLimitReached


def create_attempt(quiz, questions, neighbourhood, participant, device, now):
    """Take the resident's next slot of the day and keep the questions drawn for it."""
    day, resident = timezone.localdate(now), participant or device
    used, last = slots_taken(quiz, resident, device, day)
    if quiz.attempts_per_day and used >= quiz.attempts_per_day:
        raise AttemptLimitReached
    limit = datetime.timedelta(minutes=quiz.time_limit) if quiz.time_limit else UNTIMED
    return Attempt.objects.create(
        quiz=quiz,
        neighbourhood=neighbourhood,
        participant=participant,
        resident=resident,
        device=device,
        day=day,
        slot=last + 1,
        started_at=now,
        deadline=now + limit,
        max_score=len(questions),
        draw=[
            {"question": question.pk, "choices": choice_order(question, quiz.shuffle_choices)}
            for question in questions
        ],
    )


def slots_taken(quiz, resident, device, day):
    """Return today's attempts by this resident or device, and the resident's last slot of the day.

    Without a daily limit only the last slot matters, found in the slot constraint's own index.
    """
    today = quiz.attempts.filter(day=day)
    if not quiz.attempts_per_day:
        return None, today.filter(resident=resident).aggregate(last=Max("slot"))["last"] or 0
    found = today.filter(Q(resident=resident) | Q(device=device)).aggregate(
        used=Count("pk"), last=Max("slot", filter=Q(resident=resident))
    )
    return found["used"], found["last"] or 0


def drawn_answers(attempt):
    """Return unsaved answers to the attempt's drawn questions, in order, choices prefetched."""
    questions = questions_with_choices([item["question"] for item in attempt.draw])
    return [
        Answer(
            attempt=attempt,
            question=questions[item["question"]],
            position=position,
            choice_order=item["choices"],
        )
        for position, item in enumerate(attempt.draw, start=1)
        # A question staff deleted after it was drawn is left out rather than failing the page.
        if item["question"] in questions
    ]


def answers_of(attempt):
    """Return a submitted attempt's answers with what the result page shows of each."""
    answers = attempt.answers.select_related("question__regulation")
    return list(answers.prefetch_related("question__choices", "chosen"))


def submit_attempt(attempt, picked, *, now=None):
    """Score the attempt exactly once; picked pairs each drawn answer with its chosen choices."""
    now = now or timezone.now()
    grades = [grade_answer(answer, choices) for answer, choices in picked]
    result = scoring.total(grades, attempt.quiz.pass_mark)
    with transaction.atomic():
        # The first submission claims the attempt; a double click or a resubmission finds it taken.
        claimed = Attempt.objects.filter(
            pk=attempt.pk, submitted_at__isnull=True, deadline__gt=now - GRACE
        ).update(
            submitted_at=now,
            max_score=len(grades),
            score=result.score,
            percent=result.percent,
            passed=result.passed,
        )
        if not claimed:
            if Attempt.objects.filter(pk=attempt.pk, submitted_at__isnull=False).exists():
                raise AlreadySubmitted
            raise TimeIsUp
        save_answers(picked, grades)
        record_participation(
            Participation.Kind.QUIZ,
            neighbourhood=attempt.neighbourhood,
            campaign=attempt.quiz.campaign(),
            participant=attempt.participant,
            score=result.percent,
            source=attempt,
            at=now,
        )
    attempt.submitted_at, attempt.max_score, attempt.score = now, len(grades), result.score
    attempt.percent, attempt.passed = result.percent, result.passed
    return attempt


def grade_answer(answer, choices):
    correct = [choice.pk for choice in answer.question.correct_choices()]
    return scoring.grade(answer.question.kind, correct, [choice.pk for choice in choices])


def save_answers(picked, grades):
    """Write every answer and the choices picked for it, in two queries."""
    answers = [answer for answer, _choices in picked]
    for answer, grade in zip(answers, grades, strict=True):
        answer.points = scoring.as_decimal(grade.points, "0.0001")
        answer.correct = grade.correct
    Answer.objects.bulk_create(answers)
    through = Answer.chosen.through
    through.objects.bulk_create(
        through(answer_id=answer.pk, choice_id=choice.pk)
        for answer, choices in picked
        for choice in choices
    )
