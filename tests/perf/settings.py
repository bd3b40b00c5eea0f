"""Benchmark settings: like production (DEBUG off, PostgreSQL, Redis), plain HTTP on loopback."""

from campaign_site.settings.base import *  # noqa: F403

SECRET_KEY = "bench-secret-key"  # noqa: S105
PARTICIPANT_KEY_SECRET = "bench-participant-key"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.perf.urls"
LOGGING = {"version": 1, "root": {"level": "ERROR"}}
