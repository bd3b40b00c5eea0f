"""Volunteer sign-ups under concurrent load on PostgreSQL, against the bare Django POST view."""

import psycopg

from tests.perf import harness

SETUP = "from tests.perf.bench_volunteers import open_event; open_event()"


def open_event():
    """Give the demo's first upcoming activity room for everyone (run in the shell)."""
    from django.utils import timezone

    from campaigns.models import VolunteerEventPage

    event = VolunteerEventPage.objects.live().filter(starts_at__gt=timezone.now()).first()
    event.capacity = 100_000
    event.save_revision().publish()


def event():
    with psycopg.connect(harness.database_url()) as connection:
        return connection.execute(
            "SELECT page_ptr_id FROM campaigns_volunteereventpage WHERE capacity = 100000"
        ).fetchone()[0]


def count_signups(event_id):
    with psycopg.connect(harness.database_url()) as connection:
        return connection.execute(
            "SELECT count(*) FROM campaigns_volunteersignup WHERE event_id = %s", [event_id]
        ).fetchone()[0]


def test_signing_up_against_the_bare_post_view(site_port):
    harness.manage("shell", "-c", SETUP)
    event_id = event()
    before = count_signups(event_id)
    path = f"/volunteer-events/{event_id}/sign-up/"

    sign_up = harness.resident_post(
        path,
        "/",
        lambda index: {
            "name": "测试志愿者",
            "neighbourhood": "1",
            "phone": f"177{index:08d}",
            "consent": "on",
        },
    )
    bare = harness.bare_post(site_port)
    figures = harness.load(site_port, "event sign-up (POST)", sign_up, ok=(302,))

    print(f"\n{bare.row(bare)}")
    print(figures.row(bare))
    print(f"sign-ups written: {count_signups(event_id) - before} of {figures.requests} posts")
    assert figures.requests and figures.errors == 0
    assert count_signups(event_id) - before == figures.requests
    assert figures.ratio(bare) >= harness.POST_TARGET
