"""Each notice goes out once: confirmation, reminder, committee sign-up and cancellation."""

import datetime
import logging
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from campaigns import factories, notifications, tasks
from campaigns.models import VolunteerSignup
from campaigns.roles import ensure_committee_group
from campaigns.volunteering import cancel, sign_up

pytestmark = pytest.mark.django_db
PHONE = "13812345678"


@pytest.fixture(autouse=True)
def _empty_outbox():
    notifications.sms_outbox.clear()


@pytest.fixture
def event(volunteer_index):
    room = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    user = get_user_model().objects.create_user("committee", email="juweihui@example.cn")
    user.groups.add(ensure_committee_group(room))
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    return factories.VolunteerEventPageFactory(parent=room, starts_at=tomorrow, capacity=1)


@pytest.fixture
def signup(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return sign_up(event, name="孙七", neighbourhood=event.neighbourhood, phone=PHONE)[0]


def test_a_sign_up_texts_the_volunteer_and_emails_the_committee_once(signup):
    tasks.send_signup_confirmation(signup.pk)
    tasks.notify_committee_of_signup(signup.pk)

    assert [m["to"] for m in notifications.sms_outbox] == [PHONE]
    assert [m.to for m in mail.outbox] == [["juweihui@example.cn"]]
    assert PHONE not in mail.outbox[0].body and "138****5678" in mail.outbox[0].body


def test_a_cancellation_emails_the_committee_once(signup, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cancel(signup)
    tasks.notify_committee_of_cancellation(signup.pk)

    assert len(mail.outbox) == 2
    assert signup.event.title in mail.outbox[1].subject


def test_reminders_go_once_to_confirmed_volunteers_the_day_before(event, signup):
    waiting, _ = sign_up(event, name="周八", neighbourhood=event.neighbourhood, phone="13900000000")
    notifications.sms_outbox.clear()

    assert tasks.send_reminders() == 1
    assert tasks.send_reminders() == 0
    assert [m["to"] for m in notifications.sms_outbox] == [PHONE]
    assert VolunteerSignup.objects.get(pk=waiting.pk).reminder_sent_at is None


def test_the_development_backend_logs_without_the_full_number(caplog):
    with caplog.at_level(logging.INFO, logger="campaigns.notifications"):
        notifications.LoggingSMSBackend().send(PHONE, "活动", "提醒")

    assert "138****5678" in caplog.text and PHONE not in caplog.text


def test_the_purge_task_runs_the_purge(settings, event, signup):
    settings.DATA_RETENTION_DAYS = -30

    assert tasks.purge_volunteer_contacts() == 1
    assert VolunteerSignup.objects.get().phone == ""


def test_the_beat_schedule_names_real_tasks(settings):
    from campaign_site.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


def test_the_committee_hears_of_a_sign_up_even_when_the_text_fails(
    event, django_capture_on_commit_callbacks
):
    failing = mock.patch(
        "campaigns.volunteer_notices.text_volunteer", side_effect=OSError("SMS gateway down")
    )
    with failing, pytest.raises(OSError), django_capture_on_commit_callbacks(execute=True):
        sign_up(event, name="孙七", neighbourhood=event.neighbourhood, phone=PHONE)

    assert [m.to for m in mail.outbox] == [["juweihui@example.cn"]]


def test_volunteers_are_told_once_when_their_activity_is_cancelled(
    event, signup, django_capture_on_commit_callbacks
):
    place = event.neighbourhood
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(event, name="周八", neighbourhood=place, phone="13900000000")
        gone, _ = sign_up(event, name="吴九", neighbourhood=place, phone="13700000000")
        cancel(gone)
    notifications.sms_outbox.clear()

    event.status = event.Status.CANCELLED
    for _ in range(2):  # published as cancelled, then published again
        with django_capture_on_commit_callbacks(execute=True):
            event.save_revision().publish()

    texts = notifications.sms_outbox
    assert sorted(m["to"] for m in texts) == [PHONE, "13900000000"]
    assert all(event.title in m["body"] and "取消" in m["body"] for m in texts)
    assert VolunteerSignup.objects.get(pk=gone.pk).event_cancelled_sent_at is None


def test_publishing_a_planned_activity_tells_nobody_it_is_cancelled(
    event, signup, django_capture_on_commit_callbacks
):
    notifications.sms_outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()

    assert notifications.sms_outbox == []
    assert tasks.tell_of_cancelled_event(signup.pk) is False
