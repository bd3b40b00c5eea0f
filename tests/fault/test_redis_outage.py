"""Redis killed in the middle of a load, then brought back: residents never notice, nothing is lost.

The site runs on a private redis-server (cache, rate limits, page cache and the Celery broker,
tasks really published) while sixteen threads submit forms. The server is killed outright; the
submissions go on (the cache reads as empty, rate limits let residents through, tasks run
inline), /healthz says Redis is down; Redis comes back on the same port and the health check
recovers. Afterwards the reach rollup counts exactly the rows the database holds.
"""

import json
import random
import threading
import time

import pytest
import redis

from campaigns import reach
from campaigns.models import Participation, PledgeSignature, VolunteerSignup
from quizzes.models import Attempt, DailyAnswer
from tests.conftest import celery_through, run_concurrently, wait_for
from tests.fault.conftest import (
    Resident,
    assert_reach_equals_log,
    fetch_csrf,
    redis_answers,
)
from tests.fault.residents import build_site, perform, phone, unexpected

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 16
CAPACITY = 30
Kind = Participation.Kind


@pytest.fixture
def site(postgresql, live_server, campaign_index, volunteer_index, regulation_index):
    return build_site(
        live_server.url,
        (campaign_index, volunteer_index, regulation_index),
        pledges=1,
        events=1,
        capacity=CAPACITY,
    )


@pytest.fixture
def on_private_redis(site, private_redis, settings):
    """Point the cache, the health check and the Celery broker at the private Redis."""
    url = private_redis.url
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {
            "BACKEND": "home.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "campaign",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.CELERY_BROKER_URL = url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # Whole pages cached for visitors, so serving pages goes through Redis too.
    settings.PAGE_CACHE_SECONDS = 300
    with celery_through(url):
        yield private_redis


def make_items(site):
    """Pledges, sign-ups, daily answers and quizzes from overlapping residents, mixed."""
    pledge, event = site.pledges[0], site.events[0]
    items = [(n, "pledge", pledge) for n in range(0, 110)]
    items += [(n, "volunteer", event) for n in range(60, 150)]
    items += [(n, "daily") for n in range(100, 150)]
    items += [(n, "quiz", False, False) for n in range(130, 170)]
    random.Random(11).shuffle(items)
    return items


BEFORE, DOWN, AFTER = "before the kill", "Redis down", "after the restart"


class Load:
    """Submissions running in the background, each noting the phase it began and ended in."""

    def __init__(self, site, csrf, items):
        self.site, self.csrf, self.items = site, csrf, items
        self.phase, self.done, self.lock = BEFORE, [], threading.Lock()
        self.results = None
        self.thread = threading.Thread(target=self.run)

    def submit(self, item):
        began = self.phase
        steps = perform(self.site, self.csrf, item)
        with self.lock:
            self.done.append((item, began, self.phase))
        return steps

    def run(self):
        self.results = run_concurrently(self.submit, self.items, THREADS)

    def finished(self):
        return len(self.done)

    def within(self, phase):
        return [item for item, began, ended in self.done if began == ended == phase]


def health(site):
    response = Resident(site.base, 1, None).get("/healthz")
    return response.status, json.loads(response.body)


def test_submissions_go_on_while_redis_is_killed_and_restarted(site, on_private_redis):
    redis_server = on_private_redis
    items = make_items(site)
    csrf = fetch_csrf(site.base, site.pledges[0].url)
    assert health(site) == (200, {"status": "ok", "database": "ok", "redis": "ok"})
    load = Load(site, csrf, items)

    began = time.monotonic()
    load.thread.start()
    try:
        assert wait_for(lambda: load.finished() >= len(items) // 4, 60)
        redis_server.kill()
        load.phase = DOWN
        killed_at = load.finished()

        assert health(site) == (200, {"status": "degraded", "database": "ok", "redis": "down"})
        for path in ("/", site.pledges[0].url, site.events[0].url, site.quiz.url):
            page = Resident(site.base, 3, None).get(path)
            assert (page.status, page.headers.get("x-page-cache")) == (200, "miss"), path

        assert wait_for(lambda: load.finished() >= killed_at + len(items) // 3, 90)
        # Flagged first: whatever ends after this may have reached the restarted Redis.
        load.phase = AFTER
        redis_server.start()
        assert health(site) == (200, {"status": "ok", "database": "ok", "redis": "ok"})
    finally:
        load.thread.join(timeout=120)
    seconds = time.monotonic() - began
    assert not load.thread.is_alive()

    assert unexpected(load.results) == []
    outage = load.within(DOWN)
    print(f"\n{len(items)} submissions in {seconds:.1f} s, {len(outage)} while Redis was down")
    assert len(outage) >= 40

    # Every submission kept exactly once in PostgreSQL.
    signed = {n for n, kind, *_ in items if kind == "pledge"}
    volunteers = {n for n, kind, *_ in items if kind == "volunteer"}
    assert PledgeSignature.objects.count() == len(signed)
    assert VolunteerSignup.objects.count() == len(volunteers)
    assert VolunteerSignup.objects.filter(status="confirmed").count() == CAPACITY
    daily = sum(kind == "daily" for _, kind, *_ in items)
    quizzes = sum(kind == "quiz" for _, kind, *_ in items)
    assert DailyAnswer.objects.filter(counted=True).count() == daily
    assert Attempt.objects.filter(submitted_at__isnull=False).count() == quizzes

    # Sign-ups made while the broker was down had their confirmation sent inline; once it is
    # back, each one's notices are queued in Redis again, as one task (no worker runs here).
    down_phones = {phone(n) for n, kind, *_ in outage if kind == "volunteer"}
    assert down_phones
    unsent = VolunteerSignup.objects.filter(phone__in=down_phones, confirmation_sent_at=None)
    assert not unsent.exists()
    later = sum(kind == "volunteer" for _n, kind, *_ in load.within(AFTER))
    queued = redis.Redis.from_url(redis_server.url).llen("celery")
    print(f"{len(down_phones)} sign-ups confirmed inline, {queued} tasks queued after the restart")
    assert queued >= later > 0

    # The rollup (the beat task's body) counts exactly what the database holds.
    reach.roll_up()
    county = assert_reach_equals_log().county
    assert county.participations == Participation.objects.count()
    assert county.pledges == len(signed)
    assert county.volunteer_signups == len(volunteers)
    assert county.quiz_attempts == quizzes + daily

    # Pages are served, and cached again now that Redis is back.
    assert redis_answers(redis_server.url)
    path = site.pledges[0].url
    first = Resident(site.base, 4, None).get(path)
    again = Resident(site.base, 5, None).get(path)
    assert (first.status, again.status) == (200, 200)
    assert again.headers.get("x-page-cache") == "hit"
