"""The project's one Celery app; tasks run inline (eager) unless a broker is named."""

import logging
import os
from pathlib import Path

from celery import Celery
from django.db import transaction
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign_site.settings.dev")

app = Celery("campaign_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def make_filesystem_queue(sender, **kwargs):
    """Create the folders of the filesystem broker, which Kombu expects to find already there."""
    options = sender.conf.broker_transport_options or {}
    for name in ("data_folder_in", "data_folder_out", "control_folder"):
        if name in options:
            Path(options[name]).mkdir(parents=True, exist_ok=True)


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
