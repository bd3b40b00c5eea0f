"""What simulated residents do over HTTP in the load and fault tests, and the site they do it on.

Each action returns [(step, status)]; EXPECTED says what every step must answer.
"""

import random
import re
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from campaigns import factories
from quizzes import factories as quiz_factories
from quizzes.models import Question
from tests.fault.conftest import Resident

CHOICE_VALUE = re.compile(r'name="(question-\d+)" value="([A-F])"')
# The form's redirect for every submission; the attempt page itself for a quiz being taken.
EXPECTED = {"pledge": 302, "volunteer": 302, "start": 302, "quiz": 200, "submit": 302}
EXPECTED |= {"resubmit": 302, "daily": 302, "visit": 302, "revisit": 302}


@dataclass
class Site:
    base: str
    places: list
    pledges: list
    events: list
    quiz: object
    daily: object
    poster_paths: list = field(default_factory=list)


def poster_path(campaign, place):
    """Return the poster link of a campaign in a neighbourhood, if this build has posters."""
    try:
        from campaigns import posters
    except ImportError:
        return None
    try:
        return reverse("poster_visit", args=[posters.make_token(campaign.pk, place.pk)])
    except NoReverseMatch:
        return None


def build_site(base, indexes, *, pledges, events, capacity):
    """Four neighbourhoods in two towns, one campaign with its pledges, volunteer events (in the
    first neighbourhood), a three-question quiz, today's daily question and poster links.

    indexes are the campaign, volunteer and regulation index pages."""
    campaign_index, volunteer_index, regulation_index = indexes
    towns = factories.TownFactory.create_batch(2)
    places = [factories.NeighbourhoodFactory(town=towns[n % 2]) for n in range(4)]
    campaign = factories.CampaignPageFactory(parent=campaign_index)
    pledge_pages = [factories.PledgePageFactory(parent=campaign, goal=500) for _ in range(pledges)]
    room = factories.NeighbourhoodVolunteerPageFactory(
        parent=volunteer_index, neighbourhood=places[0]
    )
    event_pages = [
        factories.VolunteerEventPageFactory(parent=room, capacity=capacity, campaign=campaign)
        for _ in range(events)
    ]
    regulation = factories.RegulationPageFactory(parent=regulation_index)
    questions = [
        quiz_factories.QuestionFactory(regulation=regulation, article_number=1),
        quiz_factories.QuestionFactory(
            kind=Question.Kind.MULTIPLE, regulation=regulation, article_number=2
        ),
        quiz_factories.QuestionFactory(
            kind=Question.Kind.TRUE_FALSE, regulation=regulation, article_number=3
        ),
    ]
    quiz = quiz_factories.QuizPageFactory(
        parent=campaign, questions=questions, shuffle_choices=True, attempts_per_day=None
    )
    daily = quiz_factories.DailyQuestionFactory(date=timezone.localdate(), question=questions[0])
    paths = [poster_path(campaign, place) for place in places]
    return Site(
        base=base,
        places=places,
        pledges=pledge_pages,
        events=event_pages,
        quiz=quiz,
        daily=daily,
        poster_paths=[path for path in paths if path],
    )


def phone(number):
    return f"139{number:08d}"


def person(site, number):
    """The same resident always gives the same name, neighbourhood and number."""
    return {
        "name": "张三",
        "neighbourhood": site.places[number % 4].pk,
        "phone": phone(number),
        "consent": "on",
    }


def sign(resident, site, number, pledge):
    url = reverse("sign_pledge", args=[pledge.pk])
    return [("pledge", resident.post(url, person(site, number)).status)]


def sign_up(resident, site, number, event):
    url = reverse("volunteer_sign_up", args=[event.pk])
    return [("volunteer", resident.post(url, person(site, number)).status)]


def take_quiz(resident, site, number, *, anonymous=False, twice=False):
    """Start an attempt, read its questions off the page, answer at random and submit."""
    fields = {"neighbourhood": site.places[number % 4].pk}
    if not anonymous:
        fields |= {"phone": phone(number), "consent": "on"}
    started = resident.post(site.quiz.url, fields)
    steps = [("start", started.status)]
    if started.status != 302:
        return steps
    page = resident.get(started.location)
    steps.append(("quiz", page.status))
    offered = {}
    for name, letter in CHOICE_VALUE.findall(page.body):
        offered.setdefault(name, []).append(letter)
    assert len(offered) == 3, page.body[:2000]
    chance = random.Random(number)
    answers = {name: chance.choice(letters) for name, letters in offered.items()}
    steps.append(("submit", resident.post(started.location, answers).status))
    if twice:
        steps.append(("resubmit", resident.post(started.location, answers).status))
    return steps


def answer_daily(resident, site, number):
    fields = {**person(site, number), "answer": "ABC"[number % 3], "day": site.daily.date}
    return [("daily", resident.post("/daily-question/", fields).status)]


def scan(resident, site, number, *, twice=False):
    """Scan a poster; scanning again in the same browser must not count twice."""
    path = site.poster_paths[number % len(site.poster_paths)]
    steps = [("visit", resident.get(path).status)]
    if twice:
        steps.append(("revisit", resident.get(path).status))
    return steps


def perform(site, csrf, item):
    """Carry out one planned submission, (number, kind, *arguments), as resident `number`."""
    number, kind, *args = item
    resident = Resident(site.base, number, csrf)
    if kind == "pledge":
        return sign(resident, site, number, *args)
    if kind == "volunteer":
        return sign_up(resident, site, number, *args)
    if kind == "quiz":
        return take_quiz(resident, site, number, anonymous=args[0], twice=args[1])
    if kind == "daily":
        return answer_daily(resident, site, number)
    return scan(resident, site, number, twice=args[0])


def unexpected(results):
    """Return the steps that did not answer what they must, e.g. any 5xx or 429."""
    steps = [step for result in results for step in result]
    return [(step, status) for step, status in steps if status != EXPECTED[step]]
