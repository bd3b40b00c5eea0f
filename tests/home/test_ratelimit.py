from unittest import mock

from django.test import RequestFactory

from home.ratelimit import hit, too_many_requests


def test_attempts_within_the_limit_pass_and_the_next_is_refused():
    results = [hit("pledge", "1.2.3.4", limit=3, period=60) for _ in range(4)]

    assert results == [True, True, True, False]


def test_limits_are_kept_apart_by_scope_and_identity():
    for _ in range(3):
        hit("pledge", "1.2.3.4", limit=3, period=60)

    assert hit("pledge", "5.6.7.8", limit=3, period=60)
    assert hit("quiz", "1.2.3.4", limit=3, period=60)


def test_a_cache_outage_lets_residents_through():
    with mock.patch("home.ratelimit.cache.add", side_effect=ConnectionError("redis down")):
        assert hit("pledge", "1.2.3.4", limit=0, period=60)


def test_the_refusal_explains_itself_in_chinese(db):
    response = too_many_requests(RequestFactory().post("/"))

    assert response.status_code == 429
    assert "请稍后" in response.content.decode() or "分钟" in response.content.decode()
