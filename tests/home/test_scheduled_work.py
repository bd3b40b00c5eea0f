"""With no Redis, a real worker and beat fed through the filesystem broker run scheduled work."""

import datetime

import pytest
from celery.beat import EmbeddedService
from celery.contrib.testing.worker import start_worker
from django.db import OperationalError
from django.utils import timezone

from campaign_site.celery import app
from campaigns import factories, reach
from campaigns.models import ArticlePage, Participation, record_participation
from tests.conftest import celery_through, wait_for

# The beat schedule of the settings, at a second apart instead of a minute, so the test is short.
EVERY_SECOND = {
    "publish-scheduled-pages": {"task": "home.tasks.publish_scheduled", "schedule": 1.0},
    "reach-rollup": {"task": "campaigns.tasks.roll_up_reach", "schedule": 1.0},
}


def filesystem_broker(folder):
    return {
        "broker_transport_options": {
            "data_folder_in": str(folder / "messages"),
            "data_folder_out": str(folder / "messages"),
            "control_folder": str(folder / "control"),
            "store_processed": False,
        },
        "beat_schedule": EVERY_SECOND,
    }


def unless_locked(read):
    """Return read, made to answer False while the worker holds a table it writes to.

    The SQLite test database lives in shared-cache memory, where a reader meets a writer's table
    lock at once instead of waiting for it.
    """

    def attempt():
        try:
            return read()
        except OperationalError:
            return False

    return attempt


@pytest.fixture
def worker_and_beat(tmp_path):
    """Run a worker and beat as `make run` does on the embedded default, in threads here."""
    with celery_through("filesystem://localhost/", **filesystem_broker(tmp_path)):
        (tmp_path / "messages").mkdir()
        beat = EmbeddedService(app, thread=True, schedule_filename=str(tmp_path / "beat"))
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            beat.start()
            try:
                yield
            finally:
                beat.stop()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_scheduled_article_goes_live_and_new_acts_reach_the_report(news_index, worker_and_beat):
    article = factories.ArticlePageFactory(parent=news_index, title="定时发布的通知", live=False)
    article.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    article.save_revision().publish()
    place = factories.NeighbourhoodFactory()
    act = record_participation(Participation.Kind.VISIT, neighbourhood=place)

    assert not ArticlePage.objects.get(pk=article.pk).live  # scheduled, not yet published
    assert wait_for(unless_locked(lambda: ArticlePage.objects.get(pk=article.pk).live), 30)
    assert wait_for(unless_locked(lambda: reach.rolled_up_to() >= act.pk), 30)
    assert reach.report(reach.Scope()).county.visits == 1
