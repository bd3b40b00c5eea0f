"""A thousand residents taking part at once, over HTTP, on a real threaded server and PostgreSQL.

Pledge signatures, quiz attempts (start, read, submit), volunteer sign-ups, daily answers and
poster scans arrive mixed from sixteen threads, each resident from their own address, some
pressing twice. Nothing may fail, nothing may be lost or counted twice, capacity holds, and the
reach report rolled up afterwards equals a recount of the log.
"""

import random
import time
from dataclasses import dataclass, field

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from campaigns import reach
from campaigns.models import Participation, PledgeSignature, VolunteerSignup
from quizzes.models import Attempt, DailyAnswer
from tests.conftest import run_concurrently
from tests.fault.conftest import assert_reach_equals_log, fetch_csrf
from tests.fault.residents import build_site, perform, unexpected

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 16
SUBMISSIONS = 1000
CAPACITY = 40
REPEATS = 20
Kind = Participation.Kind


@pytest.fixture
def site(postgresql, live_server, campaign_index, volunteer_index, regulation_index):
    return build_site(
        live_server.url,
        (campaign_index, volunteer_index, regulation_index),
        pledges=2,
        events=2,
        capacity=CAPACITY,
    )


@dataclass
class Plan:
    """The submissions in the order threads pick them up, and what they must leave behind."""

    items: list = field(default_factory=list)
    signatures: set = field(default_factory=set)
    signups: dict = field(default_factory=dict)
    attempts: int = 0
    daily_answers: int = 0
    daily_residents: set = field(default_factory=set)
    visits: int = 0
    phones: set = field(default_factory=set)


def make_plan(site):
    """A thousand submissions: overlapping ranges of phone numbers, so many residents take part in
    several ways; the first REPEATS of each form are sent twice in a row, so both copies arrive
    together. Without poster links in this build, their share goes to pledges."""
    plan, units = Plan(), []
    visits = 130 if site.poster_paths else 0
    for offset, number in enumerate(range(0, 260 + 130 - visits)):
        pledge = site.pledges[offset % 2]
        plan.signatures.add((pledge.pk, number))
        units.append([(number, "pledge", pledge)] * (2 if offset < REPEATS else 1))
    for offset, number in enumerate(range(130, 330)):
        event = site.events[offset % 2]
        plan.signups.setdefault(event.pk, set()).add(number)
        units.append([(number, "volunteer", event)] * (2 if offset < REPEATS else 1))
    for offset, number in enumerate(range(230, 430)):
        anonymous = offset >= 180
        units.append([(number, "quiz", anonymous, offset < REPEATS)])
        plan.attempts += 1
        if not anonymous:
            plan.phones.add(number)
    for offset, number in enumerate(range(330, 480)):
        plan.daily_residents.add(number)
        units.append([(number, "daily")] * (2 if offset < REPEATS else 1))
        plan.daily_answers += len(units[-1])
    for offset in range(visits):
        units.append([(100_000 + offset, "visit", offset < REPEATS)])
        plan.visits += 1
    plan.phones |= {number for _pk, number in plan.signatures} | plan.daily_residents
    plan.phones |= {number for numbers in plan.signups.values() for number in numbers}
    random.Random(2026).shuffle(units)
    plan.items = [item for unit in units for item in unit]
    return plan


def logged_sources(model, kind):
    """Return the ids of the model's rows the log has rows of this kind for, each exactly once."""
    source_type = ContentType.objects.get_for_model(model)
    rows = Participation.objects.filter(kind=kind, source_type=source_type)
    ids = list(rows.values_list("source_id", flat=True))
    assert len(ids) == len(set(ids)), f"{model.__name__} logged twice"
    return set(ids)


def test_a_thousand_mixed_submissions_lose_nothing_and_count_nothing_twice(site):
    plan = make_plan(site)
    assert len(plan.items) == SUBMISSIONS
    csrf = fetch_csrf(site.base, site.pledges[0].url)

    began = time.monotonic()
    results = run_concurrently(lambda item: perform(site, csrf, item), plan.items, THREADS)
    seconds = time.monotonic() - began

    assert unexpected(results) == []
    print(f"\n{SUBMISSIONS} submissions, {sum(map(len, results))} requests in {seconds:.1f} s")

    # Pledges: one signature per resident and pledge, whatever arrived twice.
    assert PledgeSignature.objects.count() == len(plan.signatures)
    assert PledgeSignature.objects.values("pledge", "participant").distinct().count() == len(
        plan.signatures
    )
    for pledge in site.pledges:
        assert pledge.signatures.count() == sum(pk == pledge.pk for pk, _ in plan.signatures)

    # Volunteering: one sign-up per resident and event; places filled, never overfilled.
    for event in site.events:
        wanted = len(plan.signups[event.pk])
        signups = VolunteerSignup.objects.filter(event=event)
        assert signups.count() == signups.values("participant").distinct().count() == wanted
        assert signups.filter(status="confirmed").count() == min(CAPACITY, wanted)
        assert signups.filter(status="waiting").count() == wanted - min(CAPACITY, wanted)

    # Quizzes: every attempt started once and scored once; the daily question counted once.
    assert Attempt.objects.count() == plan.attempts
    assert Attempt.objects.filter(submitted_at__isnull=False).count() == plan.attempts
    assert DailyAnswer.objects.count() == plan.daily_answers
    assert DailyAnswer.objects.filter(counted=True).count() == len(plan.daily_residents)

    # The log: exactly one row for each source row, and no other rows.
    assert logged_sources(PledgeSignature, Kind.PLEDGE) == set(
        PledgeSignature.objects.values_list("pk", flat=True)
    )
    assert logged_sources(VolunteerSignup, Kind.VOLUNTEER_SIGNUP) == set(
        VolunteerSignup.objects.values_list("pk", flat=True)
    )
    assert logged_sources(Attempt, Kind.QUIZ) == set(Attempt.objects.values_list("pk", flat=True))
    assert logged_sources(DailyAnswer, Kind.QUIZ) == set(
        DailyAnswer.objects.filter(counted=True).values_list("pk", flat=True)
    )
    counts = dict(Participation.objects.values_list("kind").annotate(n=Count("pk")).order_by())
    assert counts == {
        Kind.PLEDGE: len(plan.signatures),
        Kind.VOLUNTEER_SIGNUP: sum(len(numbers) for numbers in plan.signups.values()),
        Kind.QUIZ: plan.attempts + len(plan.daily_residents),
        **({Kind.VISIT: plan.visits} if plan.visits else {}),
    }

    # The reach report, rolled up, equals a recount of the log and what the residents did.
    reach.roll_up()
    county = assert_reach_equals_log().county
    assert county.participations == Participation.objects.count()
    assert county.residents == len(plan.phones)
    assert county.pledges == len(plan.signatures)
    assert county.volunteer_signups == VolunteerSignup.objects.count()
    assert county.quiz_attempts == plan.attempts + len(plan.daily_residents)
    assert county.visits == plan.visits
