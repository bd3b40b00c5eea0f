"""Hostile input to volunteering: the sign-up form, the private cancel link, the check-in page."""

import string
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from campaigns.models import VolunteerSignup
from tests.hostile.conftest import (
    BAD,
    CONTROL,
    ENCODINGS,
    FIXED,
    HOSTILE,
    PHONE,
    XSS,
    anything,
    assert_handled,
    assert_nothing_raw,
    assert_refused,
    bad_id,
    bad_name,
    bad_phone,
    check,
    consent_field,
    field,
    form,
    fresh_client,
    post,
    rows,
)

pytestmark = pytest.mark.django_db
# Tokens a path segment can carry, well beyond the token_urlsafe() alphabet the links accept.
TOKENS = st.one_of(
    st.text(min_size=1, max_size=200),
    st.sampled_from(FIXED),
    # Shaped like a real token, but not one.
    st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=24, max_size=40),
    st.just("x" * 5000),
).filter(lambda s: "/" not in s)
NUL_TOKENS = ["\x00", "abc\x00def"]


def signing(county):
    return form(
        name=field(["张三明", "Li Ming"], bad_name()),
        neighbourhood=field([str(county.neighbourhood.pk)], bad_id()),
        phone=field(["13912345678", "+86 139 1234 5678"], bad_phone()),
        consent=consent_field(),
        website=field([""], st.nothing(), required=False),
    )


@HOSTILE
@given(data=st.data(), encoding=ENCODINGS)
def test_any_sign_up_is_taken_or_refused_clearly_and_nothing_half_saved(county, data, encoding):
    fields, tag = data.draw(signing(county))
    tag = BAD if encoding == "json" else tag
    client, before = fresh_client(), rows()

    response = post(client, reverse("volunteer_sign_up", args=[county.event.pk]), fields, encoding)

    check(response, before, tag)


@pytest.mark.parametrize("name", ["name", "phone", "website"])
def test_a_payload_in_a_refused_sign_up_comes_back_escaped(county, name):
    payload = XSS[0]
    fields = {"name": "张三明", "neighbourhood": county.neighbourhood.pk, "phone": PHONE}
    url = reverse("volunteer_sign_up", args=[county.event.pk])

    response = fresh_client().post(url, {**fields, name: payload})

    assert_refused(response, [400])
    assert_nothing_raw(response)
    assert escape(payload) in response.content.decode()


@HOSTILE
@given(token=TOKENS, method=st.sampled_from(["get", "post"]))
def test_a_forged_cancel_link_is_not_found_and_cancels_nothing(county, token, method):
    before = rows()

    response = getattr(fresh_client(), method)(f"/volunteer-events/cancel/{escape_path(token)}/")

    assert_handled(response)
    assert_refused(response, [404])
    assert rows() == before


@pytest.mark.parametrize("token", NUL_TOKENS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_cancel_link_with_a_nul_byte_is_not_found(county, token, method):
    before = rows()

    response = getattr(fresh_client(), method)(f"/volunteer-events/cancel/{escape_path(token)}/")

    assert_refused(response, [404])
    assert rows() == before


@pytest.mark.parametrize("event_id", [2**31, 2**63, 10**30])
def test_an_event_id_past_any_database_integer_is_not_found(county, event_id):
    data = {"name": "张三明", "neighbourhood": county.neighbourhood.pk, "phone": PHONE}

    response = fresh_client().post(f"/volunteer-events/{event_id}/sign-up/", data)

    assert_refused(response, [404])


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_the_cancel_link_takes_only_get_and_post(county, method):
    url = reverse("volunteer_cancel", args=[county.signup.cancel_token])

    response = getattr(fresh_client(), method)(url)

    assert_handled(response)
    assert response.status_code == 405
    assert VolunteerSignup.objects.get(pk=county.signup.pk).status == county.signup.status


@HOSTILE
@given(token=TOKENS, phone=anything(), method=st.sampled_from(["get", "post"]))
def test_a_forged_check_in_link_is_not_found(county, token, phone, method):
    before = rows()
    url = f"/volunteer-events/check-in/{escape_path(token)}/"

    response = getattr(fresh_client(), method)(url, {"phone": phone})

    assert_refused(response, [404])
    assert rows() == before


@pytest.mark.parametrize("token", NUL_TOKENS)
def test_a_check_in_link_with_a_nul_byte_is_not_found(county, token):
    response = fresh_client().post(
        f"/volunteer-events/check-in/{escape_path(token)}/", {"phone": PHONE}
    )

    assert_refused(response, [404])


@HOSTILE
@given(data=st.data(), encoding=ENCODINGS)
def test_any_check_in_is_taken_or_refused_clearly(county, data, encoding):
    fields, tag = data.draw(form(phone=field([PHONE], bad_phone())))
    tag = BAD if encoding == "json" else tag
    url = reverse("volunteer_check_in", args=[county.signup.event.checkin_token])
    client, before = fresh_client(), rows()

    response = post(client, url, fields, encoding)

    # A good number signs in, then out, then is told it already did (409).
    check(response, before, tag, success=(302, 409))


@pytest.mark.parametrize("payload", XSS + CONTROL)
def test_a_payload_in_a_refused_check_in_comes_back_escaped(county, payload):
    url = reverse("volunteer_check_in", args=[county.running.checkin_token])

    response = fresh_client().post(url, {"phone": payload})

    assert_refused(response, [400])
    assert_nothing_raw(response)
    if "\x00" not in payload and payload.strip():
        assert escape(payload.strip()) in response.content.decode()


@HOSTILE
@given(done=anything())
def test_the_check_in_page_ignores_a_made_up_outcome(county, done):
    url = reverse("volunteer_check_in", args=[county.running.checkin_token])

    response = fresh_client().get(url, {"done": done})

    assert response.status_code == 200
    assert_nothing_raw(response)


def escape_path(token):
    """Percent-encode a token as a browser would put it in the address."""
    return quote(token, safe="")
