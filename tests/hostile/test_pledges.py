"""Hostile input to the pledge signing form."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from campaigns.models import PledgeSignature
from tests.hostile.conftest import (
    BAD,
    ENCODINGS,
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


def sign_url(pledge):
    return reverse("sign_pledge", args=[pledge.pk])


def signing(county):
    return form(
        name=field(["张三明", "Li Ming", "阿卜杜·热合曼"], bad_name()),
        neighbourhood=field([str(county.neighbourhood.pk)], bad_id()),
        phone=field([PHONE, "+86 138-1234-5678", "（138）1234 5678"], bad_phone()),
        consent=consent_field(),
        hide_name=field(["on", ""], st.nothing(), required=False),
        website=field([""], st.nothing(), required=False),
    )


@HOSTILE
@given(data=st.data(), encoding=ENCODINGS)
def test_any_signature_is_taken_or_refused_clearly_and_nothing_half_saved(county, data, encoding):
    fields, tag = data.draw(signing(county))
    tag = BAD if encoding == "json" else tag
    client, before = fresh_client(), rows()

    response = post(client, sign_url(county.pledge), fields, encoding)

    check(response, before, tag)
    honeypot = fields.get("website", "")
    if isinstance(honeypot, str) and honeypot.strip() and response.status_code < 400:
        assert rows() == before, "a bot filling the hidden field was counted"


@pytest.mark.parametrize("name", ["name", "phone", "website"])
@pytest.mark.parametrize("payload", XSS)
def test_a_payload_in_a_refused_form_comes_back_escaped(county, name, payload):
    fields = {"name": "张三明", "neighbourhood": county.neighbourhood.pk, "phone": PHONE}
    # Without consent the form is refused and shows every value again.
    response = fresh_client().post(sign_url(county.pledge), {**fields, name: payload})

    assert_refused(response, [400])
    assert_nothing_raw(response)
    assert escape(payload) in response.content.decode()
    assert not PledgeSignature.objects.exists()


@HOSTILE
@given(pledge_id=st.integers(min_value=10**6, max_value=2**31 - 1), values=anything())
def test_an_unknown_pledge_is_not_found(county, pledge_id, values):
    before = rows()

    response = fresh_client().post(f"/pledges/{pledge_id}/sign/", {"name": values})

    assert_refused(response, [404])
    assert rows() == before


@pytest.mark.parametrize("pledge_id", [2**31, 2**63 - 1, 2**63, 10**30])
def test_a_pledge_id_past_any_database_integer_is_not_found(county, pledge_id):
    response = fresh_client().post(f"/pledges/{pledge_id}/sign/", {"name": "张三明"})

    assert_refused(response, [404])


def test_opening_the_signing_address_with_odd_methods_is_handled(county):
    client = fresh_client()
    for method in ("get", "head", "put", "patch", "delete", "options"):
        response = getattr(client, method)(sign_url(county.pledge), {"name": XSS[0]})
        assert_handled(response)
        assert_nothing_raw(response)
    assert not PledgeSignature.objects.exists()


def test_the_same_number_in_full_width_digits_is_not_a_second_resident(county):
    base = {"name": "张三明", "neighbourhood": county.neighbourhood.pk, "consent": "on"}
    first = fresh_client().post(sign_url(county.pledge), {**base, "phone": PHONE})
    again = fresh_client().post(sign_url(county.pledge), {**base, "phone": "138１２３４５６７８"})

    assert first.status_code == 302
    assert_handled(again)
    assert PledgeSignature.objects.count() == 1


@HOSTILE
@given(
    data=st.text(min_size=1, max_size=200).filter(lambda s: "/" not in s),
    signature=st.text(min_size=1, max_size=60).filter(lambda s: "/" not in s),
)
def test_a_forged_certificate_address_is_not_found(county, data, signature):
    url = f"{county.pledge.url}certificate/{quote(data, safe='')}/{quote(signature, safe='')}/"

    response = fresh_client().get(url)

    assert_refused(response, [404])
    assert_nothing_raw(response)
