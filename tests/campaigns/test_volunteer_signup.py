"""Residents sign up for a volunteer activity, join the waiting list and cancel."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import factories, notifications
from campaigns.models import Participation, VolunteerSignup
from campaigns.volunteer_views import CLOSED_MESSAGE
from campaigns.volunteering import cancel, sign_up

pytestmark = pytest.mark.django_db
PHONE = "13812345678"


@pytest.fixture(autouse=True)
def _empty_outbox():
    notifications.sms_outbox.clear()


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post a sign-up and run its follow-up tasks as if the request's transaction committed."""

    def send(event, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("volunteer_sign_up", args=[event.pk]), data)

    return send


@pytest.fixture
def join(django_capture_on_commit_callbacks):
    """Sign up one made-up resident through the service, running follow-up tasks."""

    def send(event, n):
        with django_capture_on_commit_callbacks(execute=True):
            return sign_up(
                event, name="李四", neighbourhood=event.neighbourhood, phone=f"1390000000{n}"
            )[0]

    return send


@pytest.fixture
def room(volunteer_index):
    return factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)


@pytest.fixture
def event(room):
    return factories.VolunteerEventPageFactory(parent=room, capacity=2)


def without_link(body):
    return re.sub(r"https?://\S+", "", body)


def form(event, phone=PHONE, **overrides):
    return {
        "name": "张三明",
        "neighbourhood": event.neighbourhood_id,
        "phone": phone,
        "consent": "on",
        **overrides,
    }


def test_an_event_takes_its_neighbourhood_from_its_room(event, room):
    assert event.neighbourhood == room.neighbourhood


def test_hours_credited_default_to_the_duration(event):
    assert event.credited_hours == 2


def test_a_sign_up_gets_a_place_a_log_row_and_a_text_with_a_cancel_link(client, post, event):
    response = post(event, form(event))

    signup = VolunteerSignup.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event.url + "?signed=1#thanks"
    assert signup.status == "confirmed" and signup.phone == PHONE
    row = Participation.objects.get()
    assert row.kind == "volunteer_signup" and row.participant == signup.participant
    assert [m["to"] for m in notifications.sms_outbox] == [PHONE]
    assert signup.cancel_token in notifications.sms_outbox[0]["body"]


def test_a_repeat_sign_up_gets_the_same_answer_and_no_second_place(client, post, event):
    first = post(event, form(event))
    second = post(event, form(event, phone="138-1234-5678", name="张三"))

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert VolunteerSignup.objects.count() == 1
    assert Participation.objects.count() == 1
    assert len(notifications.sms_outbox) == 1


def test_when_full_new_sign_ups_wait(event, join):
    for n in range(3):
        join(event, n)

    statuses = list(VolunteerSignup.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waiting"]
    bodies = [without_link(m["body"]) for m in notifications.sms_outbox]
    assert bodies[0] == bodies[1] != bodies[2]


def test_cancelling_promotes_the_first_waiting(event, join, django_capture_on_commit_callbacks):
    signups = [join(event, n) for n in range(4)]

    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel(signups[0])

    assert promoted.pk == signups[2].pk
    assert notifications.sms_outbox[-1]["to"] == "13900000002"
    first_confirmation, promotion = notifications.sms_outbox[0], notifications.sms_outbox[-1]
    assert without_link(promotion["body"]) == without_link(first_confirmation["body"])
    statuses = list(VolunteerSignup.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["cancelled", "confirmed", "confirmed", "waiting"]


def test_cancelling_a_waiting_sign_up_promotes_nobody(event, join):
    signups = [join(event, n) for n in range(4)]

    assert cancel(signups[3]) is None
    assert VolunteerSignup.objects.filter(status="confirmed").count() == 2


def test_the_private_link_cancels_and_the_resident_can_sign_up_again(client, post, event):
    post(event, form(event))
    signup = VolunteerSignup.objects.get()
    url = reverse("volunteer_cancel", args=[signup.cancel_token])

    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    signup.refresh_from_db()
    assert signup.status == "cancelled"
    assert 'class="message cancelled"' in client.get(url).content.decode()

    post(event, form(event))
    signup.refresh_from_db()
    assert signup.status == "confirmed"
    assert VolunteerSignup.objects.count() == 1
    assert signup.cancel_token not in url


def test_an_unknown_cancel_link_is_not_found(client):
    assert client.get(reverse("volunteer_cancel", args=["nope"])).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"phone": "12345"}, "phone", "手机号"),
        ({"name": ""}, "name", "姓名"),
        ({"name": "<script>"}, "name", "姓名"),
        ({"neighbourhood": "999999"}, "neighbourhood", "社区"),
        ({"consent": ""}, "consent", ""),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_saves_nothing(
    post, event, overrides, field, words
):
    response = post(event, form(event, **overrides))

    assert response.status_code == 400
    assert words in response.context["form"].errors[field][0]
    assert not VolunteerSignup.objects.exists()
    assert not Participation.objects.exists()


def test_sign_ups_after_the_deadline_are_refused(client, post, room):
    event = factories.VolunteerEventPageFactory(
        parent=room, signup_deadline=timezone.now() - datetime.timedelta(hours=1)
    )

    response = post(event, form(event))

    assert response.status_code == 403
    assert str(CLOSED_MESSAGE) in response.content.decode()
    assert not VolunteerSignup.objects.exists()


def test_a_get_to_the_sign_up_address_goes_back_to_the_page(client, event):
    response = client.get(reverse("volunteer_sign_up", args=[event.pk]))

    assert response.status_code == 302 and response["Location"] == event.url


def test_too_many_sign_ups_from_one_phone_are_refused(client, post, room):
    events = [factories.VolunteerEventPageFactory(parent=room) for _ in range(6)]

    statuses = [post(e, form(e)).status_code for e in events]

    assert statuses == [302] * 5 + [429]


def test_the_event_page_never_shows_phone_numbers(client, post, event):
    post(event, form(event))

    page = client.get(event.url).content.decode()

    assert PHONE not in page and "张三明" not in page
