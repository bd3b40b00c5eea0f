"""Fixtures shared by the whole suite: the page tree, users and service checks."""

import contextlib
import os
import time
from concurrent.futures import ThreadPoolExecutor

import kombu.pools
import pytest
from django.core.cache import cache
from django.db import connections
from django.test import override_settings
from wagtail.models import Site

from campaign_site.celery import app as celery_app
from campaigns import factories

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def require_service(available, reason):
    """Skip with a printed reason when a service is missing, or fail when CI requires it."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def wait_for(condition, seconds=20):
    """Poll condition until it holds or seconds pass; return whether it held."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def run_concurrently(action, items, threads):
    """Run action on every item from a pool of threads, each closing its own connections."""

    def run(item):
        try:
            return action(item)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(run, items))


@contextlib.contextmanager
def celery_through(broker_url, **conf):
    """Send tasks through broker_url for real (not eagerly), then put the app back as it was.

    Celery reads its settings through Django's, so what was not set on the app itself is
    removed again rather than pinned to the value a test's settings override gave it. Other
    Celery settings a test needs (such as a transport's options) are given as conf."""
    changes = celery_app.conf.changes
    keys = ("broker_url", "task_always_eager", *conf)
    saved = {key: changes[key] for key in keys if key in changes}

    def fresh_pools():
        # kombu keeps its connection and producer pools per broker URL, process-wide.
        kombu.pools.reset()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    celery_app.conf.update(broker_url=broker_url, task_always_eager=False, **conf)
    fresh_pools()
    try:
        yield
    finally:
        for key in keys:
            changes.pop(key, None)
        changes.update(saved)
        fresh_pools()


@pytest.fixture(autouse=True, scope="session")
def _media_root(tmp_path_factory):
    """Store the files tests make (the demo's pictures, uploads) in a temporary folder."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def campaign_index(home_page):
    return factories.CampaignIndexPageFactory(parent=home_page)


@pytest.fixture
def regulation_index(home_page):
    return factories.RegulationIndexPageFactory(parent=home_page)


@pytest.fixture
def news_index(home_page):
    return factories.NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def volunteer_index(home_page):
    return factories.VolunteerIndexPageFactory(parent=home_page)
