"""Pledge signing under concurrent load on PostgreSQL, against the bare Django POST view."""

import psycopg

from tests.perf import harness

PLEDGE = "/campaigns/laji-fenlei-jin-shequ/laji-fenlei-gongyue/"


def pledge_id():
    with psycopg.connect(harness.database_url()) as connection:
        query = "SELECT id FROM wagtailcore_page WHERE url_path LIKE %s"
        return connection.execute(query, ["%/laji-fenlei-gongyue/"]).fetchone()[0]


def count_signatures():
    with psycopg.connect(harness.database_url()) as connection:
        return connection.execute("SELECT count(*) FROM campaigns_pledgesignature").fetchone()[0]


def test_signing_against_the_bare_post_view(site_port):
    before = count_signatures()
    sign_path = f"/pledges/{pledge_id()}/sign/"

    sign = harness.resident_post(
        sign_path,
        PLEDGE,
        lambda index: {
            "name": "测试居民",
            "neighbourhood": "1",
            "phone": f"188{index:08d}",
            "consent": "on",
        },
    )
    bare = harness.bare_post(site_port)
    figures = harness.load(site_port, "pledge sign (POST)", sign, ok=(302,))

    print(f"\n{bare.row(bare)}")
    print(figures.row(bare))
    print(f"signatures written: {count_signatures() - before} of {figures.requests} posts")
    assert figures.requests and figures.errors == 0
    assert count_signatures() - before == figures.requests
    assert figures.ratio(bare) >= harness.POST_TARGET
