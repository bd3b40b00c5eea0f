"""Hostile input to what shows reach: the 文明榜 filters, poster links and the reach API."""

import json
import string
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaigns import posters
from campaigns.models import Participation
from tests.hostile.conftest import (
    FIXED,
    HOSTILE,
    NUMBERS,
    anything,
    assert_handled,
    assert_nothing_raw,
    assert_refused,
    fresh_client,
    huge,
    rows,
)

pytestmark = pytest.mark.django_db
REACH_API = "/api/v1/reach/"
IDS = st.one_of(
    st.sampled_from(NUMBERS + ["", "1", "abc", "1,2", "1 OR 1=1", "00001"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    anything(),
)
# Superscript and other digits Python's str.isdigit() accepts but int() refuses.
ODD_DIGITS = ["²", "³", "¹", "①", "²³", "1²"]


def filters(county):
    real = [str(county.neighbourhood.town_id), str(county.campaign.pk)]
    return st.fixed_dictionaries(
        {},
        optional={
            "town": st.one_of(st.sampled_from(real), IDS, st.lists(IDS, min_size=2, max_size=3)),
            "campaign": st.one_of(st.sampled_from(real), IDS),
            "page": anything(),
        },
    )


@HOSTILE
@given(data=st.data())
def test_any_ranking_filter_shows_the_ranking_or_a_clear_message(county, data):
    params = data.draw(filters(county))

    response = fresh_client().get(county.reach_page.url, params)

    assert_handled(response)
    assert response.status_code in (200, 400), response.status_code
    assert_nothing_raw(response)
    if response.status_code == 400:
        assert_refused(response, [400])


@pytest.mark.parametrize("name", ["town", "campaign"])
@pytest.mark.parametrize("value", [*ODD_DIGITS, "9" * 5000])
def test_an_odd_number_filter_is_no_500(county, name, value):
    response = fresh_client().get(county.reach_page.url, {name: value})

    assert_refused(response, [400])


@pytest.mark.parametrize("value", ["2147483648", "9223372036854775807", "9223372036854775808"])
@pytest.mark.parametrize("name", ["town", "campaign"])
def test_a_filter_past_any_database_integer_is_refused(county, name, value):
    response = fresh_client().get(county.reach_page.url, {name: value})

    assert_refused(response, [400])


POSTER_TOKENS = st.one_of(
    st.text(min_size=1, max_size=100).filter(lambda s: "/" not in s),
    st.sampled_from([v for v in FIXED if "/" not in v]),
    # Shaped like a token: base-36 ids and a 12-character signature that is not the right one.
    st.builds(
        lambda a, b, sig: f"{a}.{b}.{sig}",
        st.text(alphabet=string.digits + string.ascii_lowercase, min_size=1, max_size=12),
        st.text(alphabet=string.digits + string.ascii_lowercase, min_size=1, max_size=12),
        st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=12, max_size=12),
    ),
    huge().map(lambda s: s.replace("/", "")),
)


@HOSTILE
@given(token=POSTER_TOKENS, method=st.sampled_from(["get", "head"]))
def test_a_forged_poster_link_counts_nothing_and_says_so(county, token, method):
    before = rows()

    response = getattr(fresh_client(), method)(f"/p/{quote(token, safe='')}/")

    assert_handled(response)
    assert response.status_code in (301, 404), response.status_code
    if method == "get" and response.status_code == 404:
        assert_refused(response, [404])
    assert rows() == before


@pytest.mark.parametrize("ids", [(0, 0), (2**31, 1), (36**12 - 1, 36**12 - 1)])
def test_a_signed_poster_link_to_nothing_counts_nothing(county, ids):
    token = posters.make_token(*ids)

    response = fresh_client().get(f"/p/{token}/")

    assert_refused(response, [404])
    assert not Participation.objects.filter(kind="visit").exists()


def test_a_poster_link_answers_only_get_and_head(county):
    token = posters.make_token(county.campaign.pk, county.neighbourhood.pk)

    response = fresh_client().post(f"/p/{token}/", {"x": "1"})

    assert_handled(response)
    assert response.status_code == 405
    assert not Participation.objects.filter(kind="visit").exists()


API_PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "campaign": IDS,
        "town": IDS,
        "start": st.one_of(st.dates().map(str), IDS, st.sampled_from(["2026-02-30", "2026-13-01"])),
        "end": st.one_of(st.dates().map(str), IDS, st.just("0000-01-01")),
        "format": anything(),
    },
)


@HOSTILE
@given(params=API_PARAMS)
def test_any_api_query_answers_in_json_or_names_the_bad_parameter(county, params):
    auth, before = f"Bearer {county.api_key}", rows()

    response = fresh_client().get(REACH_API, params, HTTP_AUTHORIZATION=auth)

    assert_handled(response)
    assert response.status_code in (200, 400), response.status_code
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    if response.status_code == 400:
        assert_refused(response, [400])
        assert body["parameter"] in params
    assert rows() == before


AUTHORIZATIONS = st.one_of(
    st.none(),
    st.sampled_from(["", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer x", "Token abc"]),
    st.text(max_size=300).map(lambda s: "Bearer " + s),
    st.sampled_from(FIXED).map(lambda s: "Bearer " + s),
    st.just("Bearer " + "k" * 100_000),
)


@HOSTILE
@given(authorization=AUTHORIZATIONS, path=st.sampled_from([REACH_API, "/api/v1/campaigns/"]))
def test_a_request_without_a_live_key_is_refused_in_json(county, authorization, path):
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}

    response = fresh_client().get(path, **headers)

    assert_refused(response, [401])
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert county.api_key not in response.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_refuses_writes_in_json(county, method):
    auth = f"Bearer {county.api_key}"

    response = getattr(fresh_client(), method)(
        REACH_API, json.dumps({"x": 1}), content_type="application/json", HTTP_AUTHORIZATION=auth
    )

    assert_refused(response, [405])


@HOSTILE
# A newline is left out: test_an_api_address_with_a_newline_answers_in_json shows the known bug.
@given(path=st.text(min_size=1, max_size=80))
def test_an_unknown_api_address_answers_in_json(county, path):
    response = fresh_client().get("/api/v1/" + quote(path, safe="") + "/")

    assert_handled(response)
    if response.status_code == 404:
        assert_refused(response, [404])
        assert response["Content-Type"].startswith("application/json")


def test_an_api_address_with_a_newline_answers_in_json(county):
    response = fresh_client().get("/api/v1/a%0Ab/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_the_api_is_limited_per_key_with_a_chinese_message(county, monkeypatch):
    from campaigns import api

    monkeypatch.setattr(api, "RATE_LIMIT", 2)
    client, auth = fresh_client(), f"Bearer {county.api_key}"

    statuses = [client.get(REACH_API, HTTP_AUTHORIZATION=auth) for _ in range(3)]

    assert [r.status_code for r in statuses] == [200, 200, 429]
    assert_refused(statuses[-1], [429])


# Each refusal of the reach pages and API, and the request that draws it (DESIGN §8).
REFUSALS = {
    "ranking filter": ("get", "/reach/", {"town": "abc"}, None),
    "poster link": ("get", "/p/forged/", {}, None),
    "api without key": ("get", REACH_API, {}, None),
    "api wrong key": ("get", REACH_API, {}, "Bearer wrong"),
    "api bad parameter": ("get", REACH_API, {"campaign": "abc"}, "key"),
    "api unknown address": ("get", "/api/v1/nothing/", {}, "key"),
    "api write": ("post", REACH_API, {}, "key"),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_every_refusal_is_in_chinese(county, case):
    method, path, params, key = REFUSALS[case]
    headers = {} if key is None else {"HTTP_AUTHORIZATION": key}
    if key == "key":
        headers["HTTP_AUTHORIZATION"] = f"Bearer {county.api_key}"

    response = getattr(fresh_client(), method)(path, params, **headers)

    assert_refused(response)
