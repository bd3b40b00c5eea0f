"""Pledge signing under concurrent load on PostgreSQL, against the bare Django POST view."""

import itertools

import psycopg

from tests.perf import harness

# Issue 7's target for POST flows, as a ratio of the bare POST view.
POST_TARGET = 0.1
PLEDGE = "/campaigns/laji-fenlei-jin-shequ/laji-fenlei-gongyue/"


def pledge_id():
    with psycopg.connect(harness.database_url()) as connection:
        query = "SELECT id FROM wagtailcore_page WHERE url_path LIKE %s"
        return connection.execute(query, ["%/laji-fenlei-gongyue/"]).fetchone()[0]


def count_signatures():
    with psycopg.connect(harness.database_url()) as connection:
        return connection.execute("SELECT count(*) FROM campaigns_pledgesignature").fetchone()[0]


def test_signing_against_the_bare_post_view(site_port, baseline):
    tokens, addresses = {}, itertools.count(1)
    before = count_signatures()
    sign_path = f"/pledges/{pledge_id()}/sign/"

    def sign(client, index):
        if id(client) not in tokens:
            # Each simulated phone reaches the site from its own network, as residents do.
            client.headers["X-Real-IP"] = f"198.51.100.{next(addresses)}"
            tokens[id(client)] = client.csrf_token(PLEDGE)
        fields = {
            "csrfmiddlewaretoken": tokens[id(client)],
            "name": "测试居民",
            "neighbourhood": "1",
            "phone": f"188{index:08d}",
            "consent": "on",
        }
        return client.request("POST", sign_path, fields)[0]

    figures = harness.load(site_port, "pledge sign (POST)", sign, ok=(302,))

    print(f"\n{baseline['post'].row(baseline['post'])}")
    print(figures.row(baseline["post"]))
    print(f"signatures written: {count_signatures() - before} of {figures.requests} posts")
    assert figures.requests and figures.errors == 0
    assert count_signatures() - before == figures.requests
    assert figures.ratio(baseline["post"]) >= POST_TARGET
