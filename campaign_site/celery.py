"""The project's one Celery app; tasks run inline (eager) unless REDIS_URL names a broker."""

import logging
import os

from celery import Celery
from django.db import transaction
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign_site.settings.dev")

app = Celery("campaign_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


def delay_on_commit(task, *args):
    """Queue task once the transaction commits; if the broker is down, run it here instead."""

    def send():
        try:
            task.delay(*args)
        except OperationalError:
            logger.warning("Broker unreachable; running %s inline", task.name)
            task.apply(args=args)

    transaction.on_commit(send)
