"""Serve the site with gunicorn on loopback against PostgreSQL and Redis, and load it."""

import contextlib
import http.client
import itertools
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parents[2]
# One database per run, so two runs on one machine never drop each other's.
DATABASE = os.environ.get("BENCH_DATABASE", f"campaign_bench_{os.getpid()}")
ADMIN_URL = os.environ.get(
    "BENCH_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
# As docs/deployment.md advises for production: 2 x cores + 1 sync workers on this 2-core machine.
WORKERS = 5
# Issue 7's target for POST flows, as a ratio of the bare POST view.
POST_TARGET = 0.1
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def database_url():
    parts = urllib.parse.urlsplit(ADMIN_URL)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{DATABASE}"))


def environment():
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.perf.settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "PYTHONPATH": str(ROOT),
    }


def manage(*args):
    subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment(), check=True
    )


def drop_database():
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def fresh_database():
    """Create an empty benchmark database, migrate it and load the demo county."""
    drop_database()
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("load_demo")
    redis.Redis.from_url(REDIS_URL).flushdb()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn():
    """Run gunicorn with a fixed number of sync workers and yield its port."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "campaign_site.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--worker-class",
        "sync",
        "--log-level",
        "error",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=environment())  # noqa: S603
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class Figures:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies: list
    cache_hits: int = 0
    cache_answers: int = 0

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share):
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0

    def ratio(self, baseline):
        return self.rps / baseline.rps if baseline.rps else 0

    def row(self, baseline):
        hits = (
            f"  cache hits {100 * self.cache_hits / self.cache_answers:5.1f}%"
            if self.cache_answers
            else ""
        )
        return (
            f"{self.name:<32} {self.rps:8.1f} req/s  p50 {self.percentile(0.5):7.1f} ms  "
            f"p99 {self.percentile(0.99):7.1f} ms  errors {self.errors:<4} "
            f"ratio {self.ratio(baseline):5.3f}{hits}"
        )


class Client:
    """One keep-alive connection with its own cookies, like one resident's phone."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies = {}
        self.headers = {}
        self.answer = {}

    def request(self, method, path, fields=None):
        headers = {"Host": "127.0.0.1", **self.headers}
        body = None
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1{path}"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode(errors="replace")
        self.answer = {name.lower(): value for name, value in response.getheaders()}
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text

    def csrf_token(self, path):
        status, text = self.request("GET", path)
        match = CSRF.search(text)
        return match.group(1) if match else ""


def load(port, name, action, *, clients=8, seconds=10.0, ok=(200, 302)):
    """Run action(client, index) from several clients for a while, or until it returns None."""
    latencies, errors, counter, lock = [], [0], [0], threading.Lock()
    cache = {"hit": 0, "miss": 0}
    stop = time.monotonic() + seconds

    def run():
        client = Client(port)
        while time.monotonic() < stop:
            with lock:
                counter[0] += 1
                index = counter[0]
            started = time.perf_counter()
            try:
                status = action(client, index)
            except (OSError, http.client.HTTPException):
                status, client = 0, Client(port)
            except Exception:
                # A broken action must show up as errors, not as a quiet, empty run.
                status = 0
            if status is None:
                break  # the action has nothing left to do
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if client.answer.get("x-page-cache") in cache:
                    cache[client.answer["x-page-cache"]] += 1
                if status not in ok:
                    errors[0] += 1

    threads = [threading.Thread(target=run) for _ in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - began
    answered = cache["hit"] + cache["miss"]
    return Figures(name, len(latencies), errors[0], seconds, latencies, cache["hit"], answered)


def bare_post(port):
    """Measure the bare Django POST view now. A POST flow's ratio is taken against a measure made
    just before it, so other work on the machine weighs on both alike."""
    tokens = {}

    def post(client, index):
        if id(client) not in tokens:
            tokens[id(client)] = client.csrf_token("/bench/bare-form/")
        fields = {"csrfmiddlewaretoken": tokens[id(client)], "name": f"居民{index}"}
        return client.request("POST", "/bench/bare-post/", fields)[0]

    return load(port, "bare Django POST", post)


def get(path, cookies=None):
    """Load path; cookies, such as a quiz device cookie, make the server render every time."""

    def action(client, index):
        client.cookies.update(cookies or {})
        return client.request("GET", path)[0]

    return action


def page_path(app_label, model):
    """Return the address of the first live page of a type in the benchmark database."""
    with psycopg.connect(database_url()) as connection:
        url_path = connection.execute(
            "SELECT p.url_path FROM wagtailcore_page p"
            " JOIN django_content_type t ON t.id = p.content_type_id"
            " WHERE t.app_label = %s AND t.model = %s AND p.live ORDER BY p.path LIMIT 1",
            [app_label, model],
        ).fetchone()[0]
    # url_path starts with the site root page's own slug.
    return "/" + url_path.split("/", 2)[2]


def median_of(figures):
    return statistics.median(f.rps for f in figures)


def resident_post(path, token_page, fields):
    """Return an action posting fields(index) to path as one resident per client.

    Each client fetches its CSRF token from token_page once and reaches the site from its own
    network address, as residents' phones do, so per-address rate limits apply as in life.
    """
    tokens, addresses = {}, itertools.count(1)

    def action(client, index):
        if id(client) not in tokens:
            client.headers["X-Real-IP"] = f"198.51.100.{next(addresses)}"
            tokens[id(client)] = client.csrf_token(token_page)
        form = {"csrfmiddlewaretoken": tokens[id(client)], **fields(index)}
        return client.request("POST", path, form)[0]

    return action
