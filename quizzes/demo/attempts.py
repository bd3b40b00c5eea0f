"""Demo residents take the demo quizzes through the attempt service, once per quiz.

Every attempt is started and submitted as a resident's would be, so the item analysis, the
quiz reports and the reach figures all count the same attempts.
"""

import datetime
import random

from django.utils import timezone

from campaigns.demo.reach import DAYS, QUIET, demo_slugs
from campaigns.models import Neighbourhood
from campaigns.residents import participant_key
from quizzes import attempts
from quizzes.demo.quizzes import QUIZZES
from quizzes.devices import device_key
from quizzes.models import Question, QuizPage

# Residents per 1,000 who took a quiz: more where its campaign was aimed, a few elsewhere.
TARGETED, ELSEWHERE = (1.2, 2.2), (0.15, 0.6)
SECOND_TRY = 0.2  # the share of residents who try again on a later day
EASE = (0.45, 0.95)  # how likely a question is answered right, drawn per question


def take_quizzes():
    """Let the demo residents take the demo's own quizzes nobody has taken yet; return the attempts.

    Quizzes staff made themselves are left alone, and so is a demo quiz not open today.
    """
    slugs = demo_slugs()
    places = sorted(Neighbourhood.objects.filter(slug__in=slugs), key=lambda p: slugs.index(p.slug))
    demo_quizzes = QuizPage.objects.live().filter(slug__in=[data["slug"] for data in QUIZZES])
    made = 0
    for quiz in demo_quizzes.order_by("pk"):
        if quiz.state == QuizPage.State.OPEN and not quiz.attempts.exists():
            made += take_quiz(quiz, places)
    return made


def take_quiz(quiz, places):
    """Have residents of each place take quiz on days of its campaign; return the attempts."""
    chance = random.Random(quiz.slug)  # noqa: S311 (made-up data, not secrets)
    days = quiz_days(quiz.campaign(), timezone.localdate())
    campaign = quiz.campaign()
    targets = set(campaign.target_neighbourhoods.values_list("pk", flat=True)) if campaign else ()
    ease = {}
    made = 0
    for number, place in enumerate(places):
        for n in range(takers(place, place.pk in targets, chance)):
            # The same made-up resident in every quiz, so reach across campaigns overlaps.
            phone = f"199{number:02d}{n:06d}"
            tries = 1 if chance.random() > SECOND_TRY else 2
            for moment in sorted(moments(days, chance, tries)):
                answer_as_resident(quiz, place, phone, moment, chance, ease)
                made += 1
    return made


def quiz_days(campaign, today):
    """Return the days up to yesterday a quiz was taken on: its campaign's last month at most."""
    last = today - datetime.timedelta(days=1)
    first = last - datetime.timedelta(days=DAYS - 1)
    if campaign:
        last, first = min(last, campaign.end_date), max(first, campaign.start_date)
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def takers(place, targeted, chance):
    """Return how many residents of place took the quiz; none or few in the demo's cold spots."""
    rate = chance.uniform(*TARGETED) if targeted else chance.uniform(*ELSEWHERE)
    return QUIET.get(place.slug, round(place.population * rate / 1000))


def moments(days, chance, count):
    """Return count moments between 7:00 and 22:00 on the given days."""
    picked = []
    for day in chance.sample(days, min(count, len(days))):
        at = datetime.time(chance.randint(7, 21), chance.randint(0, 59))
        picked.append(timezone.make_aware(datetime.datetime.combine(day, at)))
    return picked


def answer_as_resident(quiz, place, phone, moment, chance, ease):
    """Start an attempt as the resident, answer each question, and submit a few minutes later."""
    attempt = attempts.start_attempt(
        quiz,
        neighbourhood=place,
        participant=participant_key(phone),
        device=device_key(f"demo-{phone}"),
        resume=False,
        now=moment,
    )
    picked = []
    for answer in attempts.drawn_answers(attempt):
        question = answer.question
        likely = ease.setdefault(question.pk, chance.uniform(*EASE))
        picked.append((answer, pick_choices(question, chance.random() < likely, chance)))
    finished = moment + datetime.timedelta(minutes=chance.randint(2, 8))
    attempts.submit_attempt(attempt, picked, now=finished)


def pick_choices(question, right, chance):
    """Return the choices a resident picks: the right ones, or a mistake people often make."""
    choices = list(question.choices.all())
    correct = [choice for choice in choices if choice.is_correct]
    wrong = [choice for choice in choices if not choice.is_correct]
    if right or not wrong:
        return correct
    # Most who go wrong pick the same tempting choice, as residents do.
    mistake = chance.choices(wrong, [3] + [1] * (len(wrong) - 1))[0]
    if question.kind == Question.Kind.MULTIPLE and chance.random() < 0.5:
        return correct[: max(1, len(correct) - 1)]  # missed one: a partial answer
    return [mistake]
