"""Bursts of simultaneous sign-ups on PostgreSQL: capacity holds and nobody is booked twice."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from campaigns import factories
from campaigns.models import Participation, VolunteerSignup
from campaigns.volunteering import cancel
from tests.conftest import require_service, run_concurrently

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def event(volunteer_index):
    require_service(connection.vendor == "postgresql", "concurrency tests need PostgreSQL")
    room = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    return factories.VolunteerEventPageFactory(parent=room, capacity=20)


def post_all(event, forms, threads=25):
    url = reverse("volunteer_sign_up", args=[event.pk])

    return run_concurrently(lambda data: Client().post(url, data).status_code, forms, threads)


def form(event, phone):
    return {
        "name": "郑十",
        "neighbourhood": event.neighbourhood_id,
        "phone": phone,
        "consent": "on",
    }


def test_a_hundred_simultaneous_sign_ups_for_twenty_places(event):
    statuses = post_all(event, [form(event, f"139{n:08d}") for n in range(100)])

    assert statuses == [302] * 100
    counts = {s: VolunteerSignup.objects.filter(status=s).count() for s in ("confirmed", "waiting")}
    assert counts == {"confirmed": 20, "waiting": 80}
    assert Participation.objects.filter(kind="volunteer_signup").count() == 100


def test_simultaneous_repeats_of_one_phone_give_one_sign_up(event):
    statuses = post_all(event, [form(event, "13812345678")] * 30)

    assert set(statuses) <= {302, 429}
    assert VolunteerSignup.objects.count() == 1


def test_simultaneous_cancellations_promote_as_many_as_left(event):
    post_all(event, [form(event, f"139{n:08d}") for n in range(30)])
    leaving = list(VolunteerSignup.objects.filter(status="confirmed")[:5])

    run_concurrently(cancel, leaving, threads=5)

    assert VolunteerSignup.objects.filter(status="confirmed").count() == 20
    assert VolunteerSignup.objects.filter(status="waiting").count() == 5
