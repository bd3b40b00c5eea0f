"""A Celery worker killed with SIGKILL in the middle of the reach rollup loses and doubles nothing.

A real worker runs as a subprocess against the test database, takes the rollup task from Redis
and is killed while its SQL is running. The watermark and the rollups stay as the last complete
run left them; the next run counts everything exactly once. Two runs at once are serialised.
"""

import contextlib
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from django.db.models import Max

from campaign_site.celery import app as celery_app
from campaigns import factories, reach
from campaigns.models import AttendanceCorrection, Participation, ReachWatermark
from tests.conftest import celery_through, require_service, wait_for
from tests.fault.conftest import LOG, assert_reach_equals_log, redis_answers

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = settings.BASE_DIR
# Enough rows that one rollup runs for seconds on PostgreSQL, so it can be caught in the middle.
ROWS = 300_000
EARLIER = 3_000
ROLLUP_TABLES = (reach.DAILY, reach.RESIDENT, reach.RESIDENT_DAY)


@pytest.fixture
def county(postgresql, campaign_index):
    towns = factories.TownFactory.create_batch(3)
    places = [factories.NeighbourhoodFactory(town=towns[n % 3]) for n in range(12)]
    campaigns = factories.CampaignPageFactory.create_batch(3, parent=campaign_index)
    return [place.pk for place in places], [campaign.pk for campaign in campaigns]


def write_rows(county, first, count):
    """Write count acts with ids of our choosing, spread over 30 days with many near local
    midnight, a fifth of them without a campaign, some anonymous, some hour corrections."""
    places, campaigns = county
    correction = ContentType.objects.get_for_model(AttendanceCorrection).pk
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {LOG} (kind, neighbourhood_id, campaign_id, participant, weight, score,
                occurred_at, source_type_id, source_id)
            SELECT kind,
                CASE WHEN h %% 23 = 0 THEN NULL ELSE (%(places)s::bigint[])[1 + h %% %(n)s] END,
                CASE WHEN h %% 5 = 0 THEN NULL ELSE (%(campaigns)s::bigint[])[1 + h %% 3] END,
                CASE WHEN kind = 'visit' OR h %% 7 = 0 THEN ''
                    ELSE md5('resident-' || (h %% 40000)) END,
                CASE WHEN kind <> 'volunteer_attendance' THEN 1
                    WHEN i %% 97 = 0 THEN -0.5 * (1 + h %% 4) ELSE 0.5 * (1 + h %% 6) END,
                CASE WHEN kind = 'quiz' THEN (h %% 1001) / 10.0 END,
                timestamptz '2026-03-01 00:00:00+08' + make_interval(days => h %% 30)
                    + (ARRAY['20 minutes', '13 hours', '23 hours 40 minutes'])[1 + i %% 3]
                        ::interval,
                CASE WHEN kind = 'volunteer_attendance' AND i %% 97 = 0 THEN %(correction)s END,
                CASE WHEN kind = 'volunteer_attendance' AND i %% 97 = 0 THEN i END
            FROM (
                SELECT i, abs(hashtext('act-' || i)) AS h,
                    (ARRAY['quiz', 'pledge', 'volunteer_signup', 'volunteer_attendance',
                        'visit'])[1 + abs(hashtext('kind-' || i)) %% 5] AS kind
                FROM generate_series(%(first)s, %(last)s) AS i
            ) acts
            """,  # noqa: S608 (the table name only; values are parameters)
            {
                "places": places,
                "n": len(places),
                "campaigns": campaigns,
                "correction": correction,
                "first": first,
                "last": first + count - 1,
            },
        )


def last_log_id():
    return Participation.objects.aggregate(high=Max("pk"))["high"]


def rollup_state():
    """A fingerprint of everything the rollup keeps: the watermark and its three tables."""
    state = {"watermark": reach.rolled_up_to()}
    with connection.cursor() as cursor:
        for table in ROLLUP_TABLES:
            every_row = "md5(COALESCE(string_agg(t::text, ',' ORDER BY t.id), ''))"
            cursor.execute(f"SELECT COUNT(*), {every_row} FROM {table} t")  # noqa: S608
            state[table] = cursor.fetchone()
    return state


def rollup_backends(tables=(reach.DAILY, reach.RESIDENT_DAY)):
    """Return the other sessions on this database now running the rollup's SQL into tables."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
                AND query LIKE ANY(%s)
            """,
            [[f"%INSERT INTO {table}%" for table in tables]],
        )
        return [pid for (pid,) in cursor.fetchall()]


def poll(condition, seconds):
    """Check condition every 10 ms until it holds or seconds pass; return whether it held."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def backend_alive(pid):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone() is not None


def waiting_for_the_watermark():
    """Whether another session waits for a lock on the watermark a running rollup holds."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT COUNT(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
                AND wait_event_type = 'Lock' AND query LIKE %s
            """,
            [f"%{ReachWatermark._meta.db_table}%"],
        )
        return cursor.fetchone()[0] > 0


def database_url():
    """The URL of pytest-django's test database, for a subprocess to use."""
    db = connection.settings_dict
    credentials = urllib.parse.quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + urllib.parse.quote(db["PASSWORD"], safe="")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{db['NAME']}"


@contextlib.contextmanager
def celery_worker(queue, log_path):
    """Run `celery worker --pool solo` on our own queue in a subprocess; kill it on the way out."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "campaign_site.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": celery_app.conf.broker_url,
        "PYTHONPATH": str(ROOT),
    }
    command = [
        *(sys.executable, "-m", "celery", "-A", "campaign_site", "worker"),
        *("--pool", "solo", "-l", "warning", "-Q", queue, "-n", f"{queue}@fault"),
        *("--without-gossip", "--without-mingle", "--without-heartbeat"),
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603 (our own interpreter running celery)
            command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


@pytest.fixture
def broker():
    url = celery_app.conf.broker_url or ""
    require_service(
        url.startswith("redis") and redis_answers(url),
        "REDIS_URL is not set or Redis does not answer: the worker test needs a Redis broker",
    )
    return url


def test_a_worker_killed_mid_rollup_leaves_the_last_complete_run_and_the_next_run_is_exact(
    county, broker, tmp_path
):
    # A complete earlier run, checked against the log.
    write_rows(county, 1, EARLIER)
    assert reach.roll_up() == EARLIER
    assert_reach_equals_log()
    before = rollup_state()
    earlier_high = last_log_id()
    assert before["watermark"] == earlier_high

    write_rows(county, EARLIER + 1, ROWS)
    queue = f"fault-rollup-{uuid.uuid4().hex[:8]}"
    log_path = tmp_path / "worker.log"
    with celery_worker(queue, log_path) as worker:
        with celery_through(broker):
            celery_app.send_task("campaigns.tasks.roll_up_reach", queue=queue)
        running = []

        def caught():
            # A batch's last statement: the batch's others have written in the open transaction.
            running[:] = rollup_backends([reach.RESIDENT_DAY])
            return bool(running) or worker.poll() is not None

        assert poll(caught, 60), log_path.read_text()
        assert running, f"the worker ended before it was killed:\n{log_path.read_text()}"
        worker.kill()
        worker.wait(timeout=30)
        killed_at = time.monotonic()

    # The worker's session ends once PostgreSQL notices its client is gone, and rolls back.
    assert wait_for(lambda: not any(backend_alive(pid) for pid in running), 60)
    orphan_seconds = time.monotonic() - killed_at
    assert rollup_state() == before
    assert ReachWatermark.objects.get().last_id == earlier_high

    began = time.monotonic()
    assert reach.roll_up() == ROWS
    seconds = time.monotonic() - began
    print(
        f"\nrollup of {ROWS} rows: {seconds:.1f} s; killed session ended {orphan_seconds:.1f} s on"
    )
    assert_reach_equals_log()
    after = rollup_state()
    assert after["watermark"] == last_log_id()

    # Running again finds nothing new and changes nothing.
    assert reach.roll_up() == 0
    assert rollup_state() == after


def test_a_second_rollup_waits_for_the_first_and_adds_nothing_twice(county):
    write_rows(county, 1, EARLIER)
    reach.roll_up()
    write_rows(county, EARLIER + 1, ROWS // 2)
    results, errors = {}, []

    def roll_up(name):
        try:
            results[name] = reach.roll_up()
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connections.close_all()

    first = threading.Thread(target=roll_up, args=("first",))
    second = threading.Thread(target=roll_up, args=("second",))
    first.start()
    try:
        assert wait_for(rollup_backends, 30), "the first rollup never started its SQL"
        second.start()
        assert wait_for(waiting_for_the_watermark, 30), "the second rollup did not wait"
    finally:
        first.join(timeout=120)
        if second.ident:
            second.join(timeout=120)

    assert errors == []
    assert results == {"first": ROWS // 2, "second": 0}
    assert_reach_equals_log()
    assert ReachWatermark.objects.get().last_id == last_log_id()
