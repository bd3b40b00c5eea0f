"""Benchmark fixtures: one served copy of the site and its bare-view baselines per run."""

import pytest

from tests.conftest import require_service
from tests.perf import harness


def postgres_and_redis_answer():
    import psycopg
    import redis

    try:
        psycopg.connect(harness.ADMIN_URL, connect_timeout=2).close()
        redis.Redis.from_url(harness.REDIS_URL, socket_connect_timeout=2).ping()
    except (psycopg.Error, redis.RedisError):
        return False
    return True


@pytest.fixture(scope="session")
def site_port():
    require_service(postgres_and_redis_answer(), "benchmarks need PostgreSQL and Redis on loopback")
    harness.fresh_database()
    try:
        with harness.gunicorn() as port:
            # Every worker answers a while before anything is measured: the first requests of a
            # fresh process load code and templates, which would flatter whatever comes next.
            harness.load(port, "warm-up", harness.get("/bench/bare/"), seconds=3)
            harness.bare_post(port)
            yield port
    finally:
        harness.drop_database()


@pytest.fixture(scope="session")
def baseline(site_port):
    """Measure the bare Django GET and POST views, served the same way in the same run."""
    get = harness.load(site_port, "bare Django GET", harness.get("/bench/bare/"))
    return {"get": get, "post": harness.bare_post(site_port)}
