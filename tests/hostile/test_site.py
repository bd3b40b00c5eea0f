"""Hostile input to site-wide addresses: neighbourhood choice, search, tags, language, health."""

import re
from urllib.parse import quote, urlsplit

import pytest
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from home.views import MAX_QUERY_LENGTH
from tests.hostile.conftest import (
    CONTROL,
    FIXED,
    HOSTILE,
    QUERY_SYNTAX,
    XSS,
    anything,
    assert_handled,
    assert_nothing_raw,
    assert_refused,
    bad_id,
    check,
    fresh_client,
    huge,
    post,
    rows,
)

pytestmark = pytest.mark.django_db
HOST = "testserver"
# Addresses a browser would take off-site, however they are dressed up.
OFF_SITE = [
    "https://evil.example",
    "https://evil.example/",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "https:evil.example",
    "https:/evil.example",
    " https://evil.example",
    "\thttps://evil.example",
    "\x01https://evil.example",
    "\r\n//evil.example",
    "/\t/evil.example",
    "http://testserver@evil.example",
    "https://evil.example%00.testserver",
    "https://evil.example\\@testserver",
    "HTTPS://EVIL.EXAMPLE",
    "ftp://evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://evil。example",
    "https://ｅｖｉｌ.example",
]
NEXT = st.one_of(
    st.sampled_from(OFF_SITE),
    # On the site, however odd: a browser keeps %2F in the path.
    st.sampled_from(["/", "/search/?q=垃圾", "/tags/垃圾分类/", "", "/%2F%2Fevil.example"]),
    anything(),
    st.builds(lambda a, b: a + b, st.sampled_from(["/", "//", "\\", "https://"]), st.text()),
)


def browser_reading(location):
    """Read a Location the lenient way browsers do: trim controls, tabs out, backslash as slash."""
    location = location.strip("".join(chr(c) for c in range(0x21)))
    location = re.sub(r"[\t\n\r]", "", location).replace("\\", "/")
    return urlsplit(location)


def assert_on_site(url):
    parts = browser_reading(url)
    assert parts.scheme in ("", "http", "https"), url
    assert parts.netloc in ("", HOST), url


@HOSTILE
@given(
    neighbourhood=st.one_of(st.none(), bad_id()),
    next_url=NEXT,
    encoding=st.sampled_from(["multipart", "urlencoded"]),
)
def test_choosing_a_neighbourhood_never_leaves_the_site(county, neighbourhood, next_url, encoding):
    place = str(county.neighbourhood.pk) if neighbourhood is None else neighbourhood
    before = rows()

    response = post(
        fresh_client(), "/neighbourhood/", {"neighbourhood": place, "next": next_url}, encoding
    )

    check(response, before, neighbourhood is not None, success=[302])
    if response.status_code == 302:
        assert_on_site(response["Location"])
        assert "neighbourhood" in response.cookies
    else:
        assert "neighbourhood" not in response.cookies
        for href in re.findall(r'<p><a href="([^"]*)">', response.content.decode()):
            assert_on_site(href)


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_an_off_site_next_goes_home_instead(county, next_url):
    response = fresh_client().post(
        "/neighbourhood/", {"neighbourhood": county.neighbourhood.pk, "next": next_url}
    )

    assert (response.status_code, response["Location"]) == (302, "/#my-neighbourhood")


@pytest.mark.parametrize("next_url", ["0", "foo", "垃圾", "javascript"])
def test_a_next_without_a_slash_or_dot_is_no_500(county, next_url):
    response = fresh_client().post(
        "/neighbourhood/", {"neighbourhood": county.neighbourhood.pk, "next": next_url}
    )

    assert_handled(response)
    assert response.status_code == 302
    assert_on_site(response["Location"])


def test_opening_the_neighbourhood_address_leads_somewhere_readable(county):
    response = fresh_client().get("/neighbourhood/")

    assert response.status_code == 302 or response.status_code in range(400, 500)
    assert response.status_code == 302 or response.content.strip(), "an empty page"


QUERIES = st.one_of(
    st.sampled_from(FIXED + QUERY_SYNTAX),
    st.text(max_size=300),
    st.builds(" ".join, st.lists(st.sampled_from(QUERY_SYNTAX + ["垃圾", "分类", "停车"]))),
    huge(),
)


@HOSTILE
@given(query=QUERIES, page=st.one_of(st.none(), anything()))
def test_any_search_answers_and_reflects_the_query_escaped(county, query, page):
    params = {"q": query} if page is None else {"q": query, "page": page}
    assert county.quiz.live  # pages to search through, besides the home page

    response = fresh_client().get("/search/", params)

    assert response.status_code == 200, response.status_code
    assert_nothing_raw(response)
    shown = query.strip()[:MAX_QUERY_LENGTH]
    if shown and "\x00" not in shown and not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", shown):
        assert escape(shown) in response.content.decode()


@pytest.mark.parametrize("query", XSS + CONTROL + QUERY_SYNTAX)
def test_a_search_for_query_syntax_answers(county, query):
    response = fresh_client().get("/search/", {"q": query})

    assert response.status_code == 200
    assert_nothing_raw(response)


def test_a_million_character_query_is_cut_short(county):
    response = fresh_client().get("/search/", {"q": "垃" * 1_000_000})

    assert response.status_code == 200
    assert "垃" * MAX_QUERY_LENGTH in response.content.decode()
    assert "垃" * (MAX_QUERY_LENGTH + 1) not in response.content.decode()


def test_a_search_still_finds_chinese_words(county):
    response = fresh_client().get("/search/", {"q": '垃圾 "OR" NEAR('})

    assert response.status_code == 200


TAGS = st.one_of(
    st.text(min_size=1, max_size=200),
    st.sampled_from(FIXED + QUERY_SYNTAX),
).filter(lambda s: "/" not in s)


@HOSTILE
@given(tag=TAGS)
def test_any_tag_page_answers_and_reflects_the_tag_escaped(county, tag):
    response = fresh_client().get(f"/tags/{quote(tag, safe='')}/")

    assert_handled(response)
    assert response.status_code in (200, 404), response.status_code
    assert_nothing_raw(response)
    if response.status_code == 404:
        assert_refused(response, [404])


@pytest.mark.parametrize("tag", ["\x00", "垃圾\x00分类"])
def test_a_tag_with_a_nul_byte_is_not_found(county, tag):
    response = fresh_client().get(f"/tags/{quote(tag, safe='')}/")

    assert_refused(response, [404])


def test_a_known_tag_lists_its_pages(county):
    title = county.campaign.title

    response = fresh_client().get(f"/tags/{quote('垃圾分类')}/")

    assert response.status_code == 200
    assert title in response.content.decode()


@HOSTILE
@given(
    language=st.one_of(st.sampled_from(["zh-hans", "en", "", "fr", "../../etc"]), anything()),
    next_url=NEXT,
)
def test_switching_language_never_leaves_the_site(county, language, next_url):
    response = fresh_client().post("/i18n/setlang/", {"language": language, "next": next_url})

    assert_handled(response)
    assert_nothing_raw(response)
    assert response.status_code in (200, 204, 302), response.status_code
    if response.status_code == 302:
        assert_on_site(response["Location"])
    cookie = response.cookies.get("django_language")
    assert cookie is None or cookie.value in ("zh-hans", "en")


@HOSTILE
@given(
    params=st.dictionaries(st.text(max_size=10), anything(), max_size=3),
    method=st.sampled_from(["get", "head", "post"]),
)
def test_the_health_check_ignores_what_it_is_sent(county, params, method):
    response = getattr(fresh_client(), method)("/healthz", params)

    assert response.status_code == 200, response.status_code
    if method != "head":
        assert response.json()["database"] == "ok"


@HOSTILE
@given(path=st.text(min_size=1, max_size=100))
def test_any_unknown_address_is_a_clear_404(county, path):
    response = fresh_client().get("/" + quote(path, safe="/") + "/")

    assert_handled(response)
    assert_nothing_raw(response)
    if response.status_code >= 400:
        assert_refused(response, [404])


@pytest.mark.parametrize("path", ["/%00/", "/a%00b/", "/search%00/", "/p/%00/", "/api/v1/%00/"])
def test_an_address_with_a_nul_byte_is_not_found(county, path):
    assert county.campaign.live

    response = fresh_client().get(path)

    assert_refused(response, [404])


@pytest.mark.parametrize("tag", [p for p in XSS if "/" not in p])
def test_a_tag_payload_comes_back_escaped(county, tag):
    response = fresh_client().get(f"/tags/{quote(tag, safe='')}/")

    assert_refused(response, [404])
    assert_nothing_raw(response)
    assert escape(tag) in response.content.decode()


@pytest.mark.parametrize("query", XSS)
def test_a_search_payload_comes_back_escaped(county, query):
    response = fresh_client().get("/search/", {"q": query})

    assert response.status_code == 200
    assert_nothing_raw(response)
    assert escape(query) in response.content.decode()
