"""Load and fault tests: residents over real HTTP, a private Redis, and recounts of the log.

Every test here needs PostgreSQL (and some Redis); they skip with a printed reason elsewhere and
fail under REQUIRE_SERVICES=1 (tests.conftest.require_service).
"""

import http.client
import re
import shutil
import socket
import subprocess
import urllib.parse
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pytest
import redis
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from campaigns import reach
from campaigns.models import AttendanceCorrection, Participation
from tests.conftest import require_service, wait_for

LOG = Participation._meta.db_table
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FIGURES = (
    "participations",
    "residents",
    "quiz_attempts",
    "quiz_takers",
    "average_score",
    "pledges",
    "pledgers",
    "volunteer_signups",
    "attendees",
    "hours",
    "visits",
)


@pytest.fixture
def postgresql():
    require_service(
        connection.vendor == "postgresql",
        "load and fault tests need PostgreSQL: set DATABASE_URL=postgres://...",
    )


def redis_answers(url, timeout=1.0):
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=timeout).ping())
    except redis.RedisError:
        return False


# Residents over HTTP


@dataclass
class Response:
    status: int
    location: str
    body: str
    headers: dict


@dataclass(frozen=True)
class Csrf:
    cookie: str
    token: str


def fetch_csrf(base_url, path):
    """GET a page with a form once; its CSRF cookie and token serve every simulated resident."""
    client = Resident(base_url, 0, None)
    response = client.request("GET", path)
    assert response.status == 200, (path, response.status)
    return Csrf(client.cookies[settings.CSRF_COOKIE_NAME], CSRF_INPUT.search(response.body)[1])


class Resident:
    """One resident's phone: its own address (sent as X-Real-IP, which the rate limits key on)
    and its own cookies; a fresh connection for each request, as many phones would open."""

    def __init__(self, base_url, number, csrf, timeout=60):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self.address = f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"
        self.cookies, self.csrf = {}, csrf
        if csrf:
            self.cookies[settings.CSRF_COOKIE_NAME] = csrf.cookie

    def request(self, method, path, fields=None, headers=None):
        headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Real-IP": self.address,
            "User-Agent": "Mozilla/5.0 (Linux; Android 14) Mobile",
            "Connection": "close",
            **(headers or {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            if self.csrf:
                fields = {"csrfmiddlewaretoken": self.csrf.token, **fields}
            body = urllib.parse.urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        link = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            link.request(method, path, body=body, headers=headers)
            response = link.getresponse()
            text = response.read().decode(errors="replace")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            location = urllib.parse.urlsplit(response.getheader("Location") or "").path
            received = {name.lower(): value for name, value in response.getheaders()}
            return Response(response.status, location, text, received)
        finally:
            link.close()

    def post(self, path, fields):
        return self.request("POST", path, fields)

    def get(self, path):
        return self.request("GET", path)


# A private Redis that a test may kill and restart


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A redis-server of our own on a free loopback port, keeping nothing on disk."""

    def __init__(self, directory):
        self.directory, self.port, self.process = directory, free_port(), None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = [
            REDIS_SERVER,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.directory),
        ]
        self.process = subprocess.Popen(  # noqa: S603 (the system's redis-server, fixed arguments)
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if not wait_for(lambda: redis_answers(self.url, 0.2), 10):
            self.kill()
            pytest.fail(f"redis-server did not start on port {self.port}")

    def kill(self):
        """Kill the server outright (SIGKILL), as a crash or an OOM kill would."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis(tmp_path):
    require_service(
        shutil.which(REDIS_SERVER) is not None,
        "redis-server is not installed: the Redis outage test runs one of its own",
    )
    server = RedisServer(tmp_path)
    try:
        server.start()
        yield server
    finally:
        server.kill()


# Counting straight from the participation log


def log_figures(*, by_neighbourhood=False):
    """Return {group: figures} counted from the log with SQL: the county is group 0."""
    key = "COALESCE(p.neighbourhood_id, 0)" if by_neighbourhood else "0"
    correction = ContentType.objects.get_for_model(AttendanceCorrection).pk
    act = "p.source_type_id IS DISTINCT FROM %(correction)s"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH acts AS (
                SELECT {key} AS g,
                    COUNT(*) FILTER (WHERE {act}) AS participations,
                    COUNT(*) FILTER (WHERE {act} AND p.kind = 'quiz') AS quiz_attempts,
                    COUNT(p.score) FILTER (WHERE p.kind = 'quiz') AS scored,
                    SUM(p.score) FILTER (WHERE p.kind = 'quiz') AS score_sum,
                    COUNT(*) FILTER (WHERE {act} AND p.kind = 'pledge') AS pledges,
                    COUNT(*) FILTER (WHERE {act} AND p.kind = 'volunteer_signup') AS signups,
                    COUNT(*) FILTER (WHERE {act} AND p.kind = 'visit') AS visits,
                    SUM(p.weight) FILTER (WHERE p.kind = 'volunteer_attendance') AS hours
                FROM {LOG} p GROUP BY 1
            ),
            -- An attendee has a day with positive hours at some place, for some campaign: the
            -- site dates an hour correction with the attendance it corrects.
            per_day AS (
                SELECT {key} AS g, p.participant,
                    BOOL_OR(p.kind = 'quiz') AS quiz, BOOL_OR(p.kind = 'pledge') AS pledge,
                    COALESCE(SUM(p.weight) FILTER (WHERE p.kind = 'volunteer_attendance'), 0)
                        AS hours
                FROM {LOG} p WHERE p.participant <> ''
                GROUP BY 1, 2, (p.occurred_at AT TIME ZONE %(zone)s)::date, p.neighbourhood_id,
                    p.campaign_id
            ),
            per_resident AS (
                SELECT g, participant, BOOL_OR(quiz) AS quiz, BOOL_OR(pledge) AS pledge,
                    BOOL_OR(hours > 0) AS attended
                FROM per_day GROUP BY 1, 2
            ),
            people AS (
                SELECT g, COUNT(*) AS residents, COUNT(*) FILTER (WHERE quiz) AS quiz_takers,
                    COUNT(*) FILTER (WHERE pledge) AS pledgers,
                    COUNT(*) FILTER (WHERE attended) AS attendees
                FROM per_resident GROUP BY g
            )
            SELECT a.g, a.participations, a.quiz_attempts, a.scored, a.score_sum, a.pledges,
                a.signups, a.visits, a.hours, COALESCE(r.residents, 0),
                COALESCE(r.quiz_takers, 0), COALESCE(r.pledgers, 0), COALESCE(r.attendees, 0)
            FROM acts a LEFT JOIN people r ON r.g = a.g
            """,  # noqa: S608 (the table name and fixed fragments; values are parameters)
            {"correction": correction, "zone": settings.TIME_ZONE},
        )
        rows = cursor.fetchall()
    result = {}
    for (
        group,
        participations,
        quiz_attempts,
        scored,
        score_sum,
        pledges,
        signups,
        visits,
        hours,
        residents,
        quiz_takers,
        pledgers,
        attendees,
    ) in rows:
        average = (
            (Decimal(score_sum) / scored).quantize(Decimal("0.1"), ROUND_HALF_UP)
            if scored
            else None
        )
        result[group] = {
            "participations": participations,
            "residents": residents,
            "quiz_attempts": quiz_attempts,
            "quiz_takers": quiz_takers,
            "average_score": average,
            "pledges": pledges,
            "pledgers": pledgers,
            "volunteer_signups": signups,
            "attendees": attendees,
            "hours": (hours or Decimal(0)).quantize(Decimal("0.01")),
            "visits": visits,
        }
    return result


def figures(reach_row):
    return {name: getattr(reach_row, name) for name in FIGURES}


EMPTY = figures(reach.Reach())


def log_trend():
    """Return [(local day, {kind: acts})] counted from the log, days cut in Asia/Shanghai."""
    correction = ContentType.objects.get_for_model(AttendanceCorrection).pk
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT (p.occurred_at AT TIME ZONE %s)::date, p.kind,
                COUNT(*) FILTER (WHERE p.source_type_id IS DISTINCT FROM %s)
            FROM {LOG} p GROUP BY 1, 2 ORDER BY 1, 2
            """,  # noqa: S608 (the table name only; values are parameters)
            [settings.TIME_ZONE, correction],
        )
        days = {}
        for day, kind, count in cursor.fetchall():
            days.setdefault(day, {})[kind] = count
    return list(days.items())


def assert_reach_equals_log():
    """The reach report (county, every neighbourhood, every day) equals a recount of the log."""
    county = log_figures()
    places = log_figures(by_neighbourhood=True)
    report = reach.report(reach.Scope())
    assert figures(report.county) == county.get(0, EMPTY)
    for place, row in report.neighbourhoods:
        assert figures(row) == places.get(place.pk, EMPTY), place
    assert reach.trend(reach.Scope()) == log_trend()
    return report
