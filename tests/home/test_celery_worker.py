"""A real Celery worker, fed through Redis, runs our tasks against the real database."""

import pytest
from celery.contrib.testing.worker import start_worker
from wagtail.search.models import IndexEntry

from campaign_site.celery import app
from campaigns import factories
from home.search import search_pages
from home.tasks import update_search_index
from tests.conftest import require_service, wait_for


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_reindexes_a_page_sent_through_the_broker(settings, regulation_index):
    require_service(settings.REDIS_URL, "REDIS_URL is not set: the Celery worker test needs Redis")
    page = factories.RegulationPageFactory(parent=regulation_index, title="餐饮油烟管理规定")
    IndexEntry.objects.all().delete()
    assert search_pages("油烟") == []

    app.conf.task_always_eager = False
    try:
        update_search_index.delay(page.pk)
        assert search_pages("油烟") == []  # queued in Redis, not run here
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            assert wait_for(lambda: len(search_pages("油烟")) == 1)
    finally:
        app.conf.task_always_eager = True
