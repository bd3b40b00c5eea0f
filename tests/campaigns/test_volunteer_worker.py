"""A real Celery worker on Redis sends each volunteering notice exactly once."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.contrib.auth import get_user_model
from django.core import mail

from campaign_site.celery import app
from campaigns import factories, notifications, tasks
from campaigns.models import VolunteerSignup
from campaigns.roles import ensure_committee_group
from campaigns.volunteering import cancel, sign_up
from tests.conftest import require_service, wait_for


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_sends_each_notice_once(settings, volunteer_index):
    require_service(settings.REDIS_URL, "REDIS_URL is not set: the Celery worker test needs Redis")
    room = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    user = get_user_model().objects.create_user("committee", email="juweihui@example.cn")
    user.groups.add(ensure_committee_group(room))
    event = factories.VolunteerEventPageFactory(parent=room)
    notifications.sms_outbox.clear()
    mail.outbox = []

    app.conf.task_always_eager = False
    try:
        signup, _ = sign_up(
            event, name="冯一", neighbourhood=event.neighbourhood, phone="13812345678"
        )
        # A retried or duplicated message must not send anything twice.
        tasks.send_signup_confirmation.delay(signup.pk)
        tasks.notify_committee_of_signup.delay(signup.pk)
        assert notifications.sms_outbox == []  # queued in Redis, not run here
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            assert wait_for(lambda: len(mail.outbox) == 1 and notifications.sms_outbox)
            cancel(signup)
            tasks.notify_committee_of_cancellation.delay(signup.pk)
            assert wait_for(lambda: len(mail.outbox) == 2)
            time.sleep(1)  # room for a duplicate to arrive, were there one
    finally:
        app.conf.task_always_eager = True

    assert len(notifications.sms_outbox) == 1
    assert len(mail.outbox) == 2
    assert VolunteerSignup.objects.filter(cancellation_notified_at__isnull=False).exists()
