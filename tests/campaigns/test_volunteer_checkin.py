"""Volunteers sign in and out with the activity's QR page; hours come from the two times."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import factories
from campaigns.models import Participation, VolunteerSignup
from campaigns.volunteering import (
    CheckInRefused,
    check_in_or_out,
    hours_between,
    purge_contact_details,
    sign_up,
)

pytestmark = pytest.mark.django_db
PHONE = "13812345678"


@pytest.fixture
def room(volunteer_index):
    return factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)


def event_at(room, starts_in, hours=2, **kwargs):
    start = timezone.now() + starts_in
    return factories.VolunteerEventPageFactory(
        parent=room, starts_at=start, ends_at=start + datetime.timedelta(hours=hours), **kwargs
    )


@pytest.fixture
def running(room):
    """An activity that started ten minutes ago, with one volunteer signed up."""
    event = event_at(room, -datetime.timedelta(minutes=10))
    sign_up(event, name="王五", neighbourhood=event.neighbourhood, phone=PHONE)
    return event


def checkin_url(event):
    return reverse("volunteer_check_in", args=[event.checkin_token])


def test_hours_come_from_the_two_times(running):
    start = running.starts_at

    assert hours_between(running, start, start + datetime.timedelta(minutes=90)) == Decimal("1.5")


def test_hours_are_capped_at_the_activitys_credit(room):
    event = event_at(room, datetime.timedelta(days=1), hours=3)
    event.hours = Decimal(2)
    start = event.starts_at - datetime.timedelta(hours=1)

    assert hours_between(event, start, start + datetime.timedelta(hours=5)) == Decimal(2)


def test_signing_in_then_out_records_hours_and_weighted_attendance(running):
    start = running.starts_at
    check_in_or_out(running, PHONE, at=start)
    direction, signup = check_in_or_out(running, PHONE, at=start + datetime.timedelta(minutes=75))

    assert direction == "out"
    assert signup.hours == Decimal("1.3")
    row = Participation.objects.get(kind="volunteer_attendance")
    assert row.weight == Decimal("1.3") and row.participant == signup.participant


def test_signing_out_twice_is_refused(running):
    check_in_or_out(running, PHONE)
    check_in_or_out(running, PHONE)

    with pytest.raises(CheckInRefused):
        check_in_or_out(running, PHONE)
    assert Participation.objects.filter(kind="volunteer_attendance").count() <= 1


def test_the_qr_page_signs_in_and_out(client, running):
    url = checkin_url(running)

    assert client.get(url).status_code == 200
    first = client.post(url, {"phone": PHONE})
    second = client.post(url, {"phone": "138 1234 5678"})

    assert first["Location"].endswith("?done=in#notice")
    assert second["Location"].endswith("?done=out#notice")
    signup = VolunteerSignup.objects.get()
    assert signup.checked_in_at and signup.checked_out_at
    assert PHONE not in client.get(second["Location"]).content.decode()


@pytest.mark.parametrize(
    "starts_in", [datetime.timedelta(hours=3), -datetime.timedelta(hours=4)], ids=["early", "late"]
)
def test_check_in_outside_the_window_is_refused(client, room, starts_in):
    event = event_at(room, starts_in)
    sign_up(event, name="王五", neighbourhood=event.neighbourhood, phone=PHONE)

    assert client.get(checkin_url(event)).status_code == 403
    assert client.post(checkin_url(event), {"phone": PHONE}).status_code == 403
    assert VolunteerSignup.objects.get().checked_in_at is None


def test_a_number_without_a_place_cannot_sign_in(client, running):
    response = client.post(checkin_url(running), {"phone": "13900000000"})

    assert response.status_code == 409
    assert not VolunteerSignup.objects.filter(checked_in_at__isnull=False).exists()


def test_a_bad_number_is_explained(client, running):
    response = client.post(checkin_url(running), {"phone": "123"})

    assert response.status_code == 400
    assert "手机号" in response.content.decode()


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("volunteer_check_in", args=["nope"])).status_code == 404


def test_the_purge_blanks_contact_details_but_keeps_the_key_and_hours(room, settings):
    settings.DATA_RETENTION_DAYS = 30
    old = event_at(room, -datetime.timedelta(days=40))
    recent = event_at(room, -datetime.timedelta(days=3))
    for event in (old, recent):
        sign_up(event, name="王五", neighbourhood=event.neighbourhood, phone=PHONE)
    VolunteerSignup.objects.update(hours=Decimal(2))

    assert purge_contact_details() == 1
    assert purge_contact_details() == 0

    purged = VolunteerSignup.objects.get(event=old)
    kept = VolunteerSignup.objects.get(event=recent)
    assert (purged.name, purged.phone, purged.hours) == ("", "", Decimal(2))
    assert purged.participant == kept.participant and kept.phone == PHONE
