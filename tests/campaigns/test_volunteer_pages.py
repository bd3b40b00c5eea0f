"""The public volunteer pages: upcoming activities, filters, yearly totals, constant queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from campaigns import factories
from campaigns.models import VolunteerSignup
from campaigns.volunteering import sign_up

pytestmark = pytest.mark.django_db
PHONE = "13812345678"


@pytest.fixture
def rooms(volunteer_index):
    towns = [factories.TownFactory(name=n, slug=s) for n, s in (("莲塘镇", "lt"), ("向塘镇", "xt"))]
    return [
        factories.NeighbourhoodVolunteerPageFactory(
            parent=volunteer_index, neighbourhood=factories.NeighbourhoodFactory(town=town)
        )
        for town in towns
    ]


def events(room, count, days=3, **kwargs):
    return [
        factories.VolunteerEventPageFactory(
            parent=room,
            starts_at=timezone.now() + datetime.timedelta(days=days, hours=n),
            **kwargs,
        )
        for n in range(count)
    ]


def test_the_index_lists_upcoming_events_across_the_county(client, rooms):
    upcoming = events(rooms[0], 1) + events(rooms[1], 1)
    past = events(rooms[0], 1, days=-10)
    cancelled = events(rooms[1], 1, status="cancelled")

    page = client.get(rooms[0].get_parent().url).content.decode()

    assert all(e.title in page for e in upcoming)
    assert past[0].title not in page and cancelled[0].title not in page


def test_the_index_filters_by_town_neighbourhood_and_date(client, rooms):
    near = events(rooms[0], 1)[0]
    far = events(rooms[1], 1, days=20)[0]
    url = rooms[0].get_parent().url

    by_town = client.get(url, {"town": "xt"}).content.decode()
    by_hood = client.get(url, {"neighbourhood": rooms[0].neighbourhood.slug}).content.decode()
    later = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    by_date = client.get(url, {"date": later}).content.decode()

    assert far.title in by_town and near.title not in by_town
    assert near.title in by_hood and far.title not in by_hood
    assert far.title in by_date and near.title not in by_date


def test_a_bad_filter_is_ignored_not_a_crash(client, rooms):
    response = client.get(rooms[0].get_parent().url, {"town": "nope", "date": "x", "page": "z"})

    assert response.status_code == 200


def test_a_neighbourhood_page_shows_its_events_and_this_years_totals(client, rooms):
    held = events(rooms[0], 1, days=-1)[0]
    upcoming = events(rooms[0], 1)[0]
    for n in range(3):
        sign_up(held, name="吴九", neighbourhood=held.neighbourhood, phone=f"1390000000{n}")
    VolunteerSignup.objects.update(hours=Decimal("1.5"))

    response = client.get(rooms[0].url)

    assert response.context["totals"] == {"volunteers": 3, "hours": Decimal("4.5")}
    page = response.content.decode()
    assert held.title in page and upcoming.title in page
    assert "吴九" not in page and "13900000000" not in page


def test_the_event_page_shows_places_left(client, rooms):
    event = events(rooms[0], 1, capacity=5)[0]
    sign_up(event, name="吴九", neighbourhood=event.neighbourhood, phone=PHONE)

    response = client.get(event.url)

    assert response.context["places_left"] == 4


@pytest.mark.parametrize("page", ["index", "room", "event"])
def test_public_pages_use_the_same_queries_for_few_or_many_events(
    client, rooms, django_assert_num_queries, page
):
    def url():
        latest = rooms[0].get_children().last().specific
        return {"index": rooms[0].get_parent().url, "room": rooms[0].url, "event": latest.url}[page]

    events(rooms[0], 2)
    client.get(url())
    few = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: few.append(sql) or execute(sql, *args)
    ):
        client.get(url())
    assert few, "the page should be rendered, not served from a cache"
    for event in events(rooms[0], 12):
        sign_up(event, name="吴九", neighbourhood=event.neighbourhood, phone=PHONE)
    client.get(url())
    with django_assert_num_queries(len(few)):
        client.get(url())
