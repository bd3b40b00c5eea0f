"""A volunteer activity's time is shown with its date once, the same on every page and notice."""

import datetime

import pytest
from django.utils import timezone

from campaigns import factories, notifications, tasks
from campaigns.volunteering import sign_up
from home.chinese import time_range

pytestmark = pytest.mark.django_db
ONE_MORNING = "2026年12月9日 07:00–09:00"


def local(day, hour):
    return timezone.make_aware(datetime.datetime(2026, 12, day, hour))


def test_an_activity_on_one_day_names_its_date_once():
    assert time_range(local(9, 7), local(9, 9)) == ONE_MORNING


def test_an_activity_running_past_midnight_names_both_dates():
    assert time_range(local(9, 20), local(10, 2)) == "2026年12月9日 20:00–2026年12月10日 02:00"


def test_times_are_shown_in_the_county_time_zone_whatever_they_are_stored_in():
    utc = datetime.UTC
    starts = datetime.datetime(2026, 12, 8, 23, tzinfo=utc)  # 07:00 on the 9th in 南昌

    assert time_range(starts, starts + datetime.timedelta(hours=2)) == ONE_MORNING


@pytest.fixture
def morning(volunteer_index, home_page):
    room = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    return factories.VolunteerEventPageFactory(
        parent=room, starts_at=local(9, 7), ends_at=local(9, 9), title="桶边督导"
    )


@pytest.fixture(autouse=True)
def _before_the_morning(monkeypatch):
    """Let the activity still be ahead, so every page lists it as upcoming."""
    monkeypatch.setattr(timezone, "now", lambda: local(1, 8))


def test_the_event_page_listings_and_home_page_show_the_morning_the_same_way(
    client, morning, home_page
):
    for page in (morning, morning.get_parent(), morning.get_parent().get_parent(), home_page):
        html = client.get(page.url).content.decode()
        assert ONE_MORNING in html, page.url
        assert "2026年12月9日 07:00–2026年12月9日" not in html


def test_listings_name_both_dates_of_an_overnight_activity(client, morning, home_page):
    factories.VolunteerEventPageFactory(
        parent=morning.get_parent(), starts_at=local(9, 20), ends_at=local(10, 2)
    )

    for page in (morning.get_parent(), home_page):
        html = client.get(page.url).content.decode()
        assert "2026年12月9日 20:00–2026年12月10日 02:00" in html, page.url


def test_the_volunteers_text_names_the_morning_with_its_date_once(
    morning, django_capture_on_commit_callbacks
):
    notifications.sms_outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signup = sign_up(
            morning, name="孙七", neighbourhood=morning.neighbourhood, phone="13812345678"
        )[0]
    tasks.send_signup_confirmation(signup.pk)

    assert ONE_MORNING in notifications.sms_outbox[-1]["body"]
