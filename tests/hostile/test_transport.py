"""Hostile requests around the forms: no CSRF token, oversized or malformed bodies, floods."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from campaigns import views as pledge_views
from campaigns import volunteer_views
from quizzes import views as quiz_views
from tests.hostile.conftest import (
    FIXED,
    HOSTILE,
    PHONE,
    assert_handled,
    assert_nothing_raw,
    assert_refused,
    fresh_client,
    rows,
)

pytestmark = pytest.mark.django_db


def forms(county):
    """Every public form: its address and a submission it would take."""
    place = county.neighbourhood.pk
    attempt = county.new_attempt()
    return {
        "pledge": (
            reverse("sign_pledge", args=[county.pledge.pk]),
            {"name": "张三明", "neighbourhood": place, "phone": PHONE, "consent": "on"},
        ),
        "volunteer": (
            reverse("volunteer_sign_up", args=[county.event.pk]),
            {"name": "张三明", "neighbourhood": place, "phone": "13912345678", "consent": "on"},
        ),
        "check-in": (
            reverse("volunteer_check_in", args=[county.running.checkin_token]),
            {"phone": PHONE},
        ),
        "cancel": (reverse("volunteer_cancel", args=[county.signup.cancel_token]), {}),
        "quiz start": (reverse("quizzes:start", args=[county.quiz.pk]), {"neighbourhood": place}),
        # Pages stored before the start form had its own address still post to the quiz page.
        "quiz start on its page": (county.quiz.url, {"neighbourhood": place}),
        "quiz answers": (attempt.get_absolute_url(), {}),
        "daily question": (
            reverse("quizzes:daily_answer"),
            {"answer": "A", "day": county.daily.date.isoformat(), "neighbourhood": place},
        ),
        "neighbourhood": ("/neighbourhood/", {"neighbourhood": place, "next": "/"}),
    }


FORMS = [
    "pledge",
    "volunteer",
    "check-in",
    "cancel",
    "quiz start",
    "quiz start on its page",
    "quiz answers",
    "daily question",
    "neighbourhood",
]


@pytest.mark.parametrize("name", FORMS)
def test_a_post_without_a_csrf_token_gets_a_clear_403(county, name):
    url, data = forms(county)[name]
    client, before = Client(enforce_csrf_checks=True, raise_request_exception=False), rows()

    response = client.post(url, data)

    assert_refused(response, [403])
    assert rows() == before


@pytest.mark.parametrize("name", FORMS)
def test_a_post_with_a_forged_csrf_token_gets_a_clear_403(county, name):
    url, data = forms(county)[name]
    client, before = Client(enforce_csrf_checks=True, raise_request_exception=False), rows()
    client.cookies["csrftoken"] = "x" * 32

    response = client.post(url, {**data, "csrfmiddlewaretoken": "y" * 32})

    assert_refused(response, [403])
    assert rows() == before


@pytest.mark.parametrize("name", ["pledge", "volunteer", "quiz start", "daily question"])
def test_a_body_past_the_upload_limit_is_refused_clearly(county, name):
    url, data = forms(county)[name]
    before = rows()

    response = fresh_client().post(url, {**data, "name": "张" * 1_000_000})

    assert_refused(response, [400, 413])
    assert rows() == before


@pytest.mark.parametrize("name", ["pledge", "daily question"])
def test_too_many_fields_are_refused_clearly(county, name):
    url, data = forms(county)[name]
    before = rows()
    flood = {f"f{n}": "x" for n in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}

    response = fresh_client().post(url, {**data, **flood})

    assert_refused(response, [400])
    assert rows() == before


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"name=x"),
        ("application/x-www-form-urlencoded; charset=utf-16", "name=张三".encode("utf-16")),
    ],
    ids=["multipart without a boundary", "form in UTF-16"],
)
@pytest.mark.parametrize("name", ["pledge", "quiz start", "quiz start on its page"])
def test_a_malformed_body_is_refused_clearly(county, name, content_type, body):
    url, _data = forms(county)[name]
    before = rows()

    response = fresh_client().generic("POST", url, body, content_type=content_type)

    assert_refused(response, [400])
    assert rows() == before


BODIES = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500).map(lambda s: s.encode("utf-8")),
    st.sampled_from([b"\xff\xfe\x00", b"name=%ff%fe&phone=%00", b"--x\r\n\r\n", b"{}", b"[]"]),
)
CONTENT_TYPES = st.sampled_from(
    [
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=nonexistent",
        "application/x-www-form-urlencoded; charset=utf-16",
        "application/json",
        "text/plain",
        "multipart/form-data; boundary=x",
        "multipart/form-data; boundary=",
        "application/octet-stream",
        "",
    ]
)


@HOSTILE
@given(body=BODIES, content_type=CONTENT_TYPES, name=st.sampled_from(FORMS))
def test_any_body_of_any_type_is_handled(county, body, content_type, name):
    url, _data = forms(county)[name]
    before = rows()

    response = fresh_client().generic("POST", url, body, content_type=content_type)

    assert_handled(response)
    assert_nothing_raw(response)
    if response.status_code >= 400:
        assert rows() == before


@HOSTILE
@given(address=st.one_of(st.sampled_from(FIXED), st.text(max_size=100)))
def test_any_forwarded_address_is_handled(county, address):
    url, data = forms(county)["pledge"]

    response = fresh_client(HTTP_X_REAL_IP=address).post(url, {**data, "consent": ""})

    assert_refused(response, [400])


# The limits each form keeps per address, set to none left so the next request is refused.
LIMITS = [
    ("pledge", pledge_views, "PLEDGE_LIMIT_PER_ADDRESS"),
    ("volunteer", volunteer_views, "LIMIT_PER_ADDRESS"),
    ("check-in", volunteer_views, "LIMIT_PER_ADDRESS"),
    ("cancel", volunteer_views, "LIMIT_PER_ADDRESS"),
    ("quiz start", quiz_views, "START_LIMIT_PER_ADDRESS"),
    ("quiz answers", quiz_views, "SUBMIT_LIMIT_PER_ADDRESS"),
    ("daily question", quiz_views, "DAILY_LIMIT_PER_ADDRESS"),
]


@pytest.mark.parametrize(("name", "module", "limit"), LIMITS)
def test_a_flood_is_slowed_down_with_a_chinese_message_and_nothing_saved(
    county, monkeypatch, name, module, limit
):
    monkeypatch.setattr(module, limit, (0, 60))
    url, data = forms(county)[name]
    before = rows()

    response = fresh_client().post(url, data)

    assert_refused(response, [429])
    assert response["Retry-After"]
    assert rows() == before


def test_one_number_flooding_the_pledge_is_slowed_down_in_chinese(county):
    url, data = forms(county)["pledge"]
    client = fresh_client()

    responses = [client.post(url, data) for _ in range(7)]

    assert [r.status_code for r in responses][-2:] == [429, 429]
    assert_refused(responses[-1], [429])


# Cookie values a browser could hold: printable, no separators.
VALUES = st.text(
    alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters=';,"\\'),
    max_size=80,
)
COOKIES = ["neighbourhood", "quiz_device", "poster_visits", "django_language", "sessionid"]


@settings(HOSTILE, max_examples=15)  # four requests an example
@given(cookies=st.dictionaries(st.sampled_from(COOKIES), VALUES))
def test_tampered_cookies_are_ignored(county, cookies):
    client = fresh_client()
    for name, value in cookies.items():
        client.cookies[name] = value
    url, data = forms(county)["quiz start"]

    pages = [client.get(county.quiz.url), client.get(county.pledge.url), client.get("/")]
    started = client.post(url, data)

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert started.status_code == 302, started.status_code
