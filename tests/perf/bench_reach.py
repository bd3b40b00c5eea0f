"""Reach at county scale on PostgreSQL: a million-row log, its rollups and the report's queries.

The pytest side makes a database of its own, fills it with generate_participation and runs
measure() in a Django shell against it; measure() prints the figures and query plans and leaves
them in a JSON file the test asserts on.
"""

import contextlib
import datetime
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse

import psycopg
from django.core.management import call_command
from django.db import connection
from django.db.models import Max, Min
from django.test.utils import CaptureQueriesContext

from campaigns import reach
from campaigns.models import (
    CampaignPage,
    Neighbourhood,
    Participation,
    ReachDaily,
    ReachResident,
    ReachResidentDay,
    Town,
)
from campaigns.reach import Scope
from tests.conftest import require_service
from tests.perf import harness

DATABASE = f"{harness.DATABASE}_reach"
ROWS, MORE, NEIGHBOURHOODS, CAMPAIGNS = 1_000_000, 10_000, 300, 10
RUNS = 5
# Seconds, from issue 6. Generating and the first roll_up of the whole log are shown against
# guides but not asserted: the issue sets no target for them.
TARGETS = {"generate": 120.0, "first roll_up": 60.0, "rebuild": 60.0, "roll_up": 2.0, "report": 0.3}
ASSERTED = ("rebuild", "roll_up", "report")
STEPS = ("generate", "first roll_up", "rebuild", "roll_up")
PLANS = 2


def database_url():
    parts = urllib.parse.urlsplit(harness.ADMIN_URL)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{DATABASE}"))


def manage(*args):
    environment = {**harness.environment(), "DATABASE_URL": database_url()}
    subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args], cwd=harness.ROOT, env=environment, check=True
    )


def postgres_answers():
    try:
        psycopg.connect(harness.ADMIN_URL, connect_timeout=2).close()
    except psycopg.Error:
        return False
    return True


@contextlib.contextmanager
def own_database():
    """Create an empty database for this bench alone and drop it afterwards."""
    with psycopg.connect(harness.ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    try:
        yield
    finally:
        with psycopg.connect(harness.ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def test_reach_at_county_scale(tmp_path):
    require_service(postgres_answers(), "the reach bench needs PostgreSQL on loopback")
    out = tmp_path / "reach.json"
    with own_database():
        manage("migrate", "--noinput", "-v0")
        started = time.monotonic()
        manage(
            "generate_participation",
            f"--rows={ROWS}",
            f"--neighbourhoods={NEIGHBOURHOODS}",
            f"--campaigns={CAMPAIGNS}",
            "--seed=6",
        )
        generated = time.monotonic() - started
        command = f"from tests.perf.bench_reach import measure; measure({str(out)!r}, {generated})"
        manage("shell", "-c", command)
    figures = json.loads(out.read_text())

    assert figures["rows"] == ROWS and figures["more"] == MORE
    missed = [
        name
        for name, seconds in timed(figures)
        if name.startswith(ASSERTED) and seconds >= target_of(name)
    ]
    assert not missed, f"targets missed: {missed}"


def target_of(name):
    return TARGETS["report"] if name.startswith("report") else TARGETS[name]


def timed(figures):
    """Yield (name, seconds) for every figure with a target; reports by their median."""
    for name in STEPS:
        yield name, figures[name]
    for name, runs in figures["reports"].items():
        yield f"report: {name}", runs["median"]


# Run in a Django shell against the bench database.


def measure(path, generated):
    """Time the rebuild, an incremental rollup and the report for each filter; write JSON."""
    with connection.cursor() as cursor:
        # Settle the freshly loaded log as autovacuum would, so every run starts alike.
        cursor.execute(f"VACUUM ANALYZE {Participation._meta.db_table}")
    figures = {"rows": Participation.objects.count(), "generate": generated}
    figures["baseline"] = baselines()

    # First the rollups the beat task would have kept, then a rebuild that replaces them all.
    started = time.monotonic()
    reach.roll_up()
    figures["first roll_up"] = time.monotonic() - started
    settle_rollups()
    started = time.monotonic()
    reach.rebuild()
    figures["rebuild"] = time.monotonic() - started
    settle_rollups()

    with open(os.devnull, "w") as quiet:
        call_command(
            "generate_participation",
            rows=MORE,
            neighbourhoods=NEIGHBOURHOODS,
            campaigns=CAMPAIGNS,
            seed=7,
            stdout=quiet,
        )
    started = time.monotonic()
    figures["more"] = reach.roll_up()
    figures["roll_up"] = time.monotonic() - started
    settle_rollups()

    figures["reports"], queries = {}, {}
    for name, scope in scopes().items():
        figures["reports"][name], queries[name] = time_report(scope)
    print_figures(figures)
    print_plans(figures["reports"], queries)
    with open(path, "w") as out:
        json.dump(figures, out)


def baselines():
    """Time the bare floor and the cheapest look at the whole log, in this run."""
    figures = {}
    for name, sql in (
        ("SELECT 1 (round trip)", "SELECT 1"),
        ("count(*) of the log", "SELECT count(*) FROM campaigns_participation"),
    ):
        runs = []
        for _ in range(RUNS + 1):
            with connection.cursor() as cursor:
                started = time.perf_counter()
                cursor.execute(sql)
                cursor.fetchall()
                runs.append(time.perf_counter() - started)
        figures[name] = statistics.median(runs[1:])
    return figures


def settle_rollups():
    """Vacuum the rollups and refresh their statistics, as autovacuum soon would."""

    with connection.cursor() as cursor:
        for model in (ReachDaily, ReachResident, ReachResidentDay):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


def scopes():
    """Return the filters the bench times, by name, from the generated county's dates."""

    days = ReachDaily.objects.aggregate(first=Min("day"), last=Max("day"))
    first, last = days["first"], days["last"]
    middle = first + datetime.timedelta(days=(last - first).days // 2)
    month = (middle - datetime.timedelta(days=15), middle + datetime.timedelta(days=14))
    campaign = CampaignPage.objects.get(slug="gen-campaign-01")
    town = Town.objects.get(slug="gen-town-01").pk
    opening = (campaign.start_date, campaign.start_date + datetime.timedelta(days=29))
    return {
        "all campaigns, all time": Scope(),
        "one campaign": Scope(campaign=campaign.pk),
        "a month": Scope(start=month[0], end=month[1]),
        "all but the first day": Scope(start=first + datetime.timedelta(days=1), end=last),
        "one town": Scope(town=town),
        "town + campaign + month": Scope(
            campaign=campaign.pk, start=opening[0], end=opening[1], town=town
        ),
    }


def whole_report(scope):
    """Compute what the admin report view does: figures suppressed against totals, cold spots,
    the outlines for the map and the trend (not the drawing of the charts)."""
    counted = reach.report(scope)
    return (
        reach.suppress_table(counted.neighbourhoods),
        reach.suppress_table(counted.towns),
        reach.suppress(counted.county),
        reach.cold_spots(counted.neighbourhoods),
        dict(Neighbourhood.objects.filter(outline__isnull=False).values_list("pk", "outline")),
        reach.trend(scope),
    )


def time_report(scope):
    """Time one warm-up and RUNS reports; return the figures and the queries of one more run."""
    runs = []
    for _ in range(RUNS + 1):
        started = time.perf_counter()
        whole_report(scope)
        runs.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as captured:
        whole_report(scope)
    queries = sorted(captured.captured_queries, key=lambda query: -float(query["time"]))
    return {"median": statistics.median(runs[1:]), "max": max(runs[1:])}, queries[:PLANS]


def print_figures(figures):
    count = figures["baseline"]["count(*) of the log"]
    print(f"\nReach bench: {figures['rows']:,} log rows, {NEIGHBOURHOODS} neighbourhoods")
    # Other work on the machine slows every figure; the load average says how much there was.
    print(f"  load average now: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    for name, seconds in figures["baseline"].items():
        print(f"  baseline {name:<40} {seconds * 1000:9.2f} ms")
    print("  ratio = figure / count(*) of the log (one pass over the raw log, the least a")
    print("  report read straight from the log would cost)")
    print(f"  {'figure':<42} {'median':>10} {'max':>10} {'target':>9} {'ratio':>8}")
    rows = [(name, figures[name], None) for name in STEPS]
    rows += [
        (f"report: {name}", runs["median"], runs["max"])
        for name, runs in figures["reports"].items()
    ]
    for name, seconds, worst in rows:
        target = target_of(name)
        verdict = "PASS" if seconds < target else "FAIL"
        if not name.startswith(ASSERTED):
            verdict += " (not asserted)"
        worst = f"{worst * 1000:8.0f}ms" if worst is not None else " " * 10
        print(
            f"  {name:<42} {seconds * 1000:8.0f}ms {worst} {target * 1000:7.0f}ms "
            f"{seconds / count:8.1f}  {verdict}"
        )
    print(f"  (roll_up folded in {figures['more']:,} new rows)")


def print_plans(reports, queries):
    """EXPLAIN (ANALYZE, BUFFERS) the slowest queries of each report over its target.

    When every report meets it, the slowest report's are shown all the same.
    """
    ranked = sorted(reports, key=lambda name: -reports[name]["median"])
    over = [name for name in ranked if reports[name]["median"] >= TARGETS["report"]]
    for name in over or ranked[:1]:
        print(f"\nReport {name!r}: its {PLANS} slowest queries")
        for query in queries[name]:
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
                plan = "\n".join(f"    {line}" for (line,) in cursor.fetchall())
            print(f"\n  -- {query['time']} s:\n  {' '.join(query['sql'].split())}\n{plan}")
