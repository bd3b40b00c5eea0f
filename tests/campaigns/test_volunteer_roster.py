"""A committee ticks who came on one roster, with hours prefilled, logged as corrections are."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from campaigns.models import AttendanceCorrection, Participation, VolunteerSignup
from campaigns.volunteering import sign_up
from tests.campaigns.test_volunteer_admin import SIGNUPS, begun, paper_line

pytestmark = pytest.mark.django_db
NOT_STARTED = "这项活动还没有开始"


@pytest.fixture
def signups(event):
    for n, name in enumerate(("钱一", "孙二")):
        sign_up(event, name=name, neighbourhood=event.neighbourhood, phone=f"1390000000{n}")
    return list(VolunteerSignup.objects.order_by("signed_up_at"))


def roster(event):
    return f"/admin/volunteer-events/{event.pk}/roster/"


def ticked(signups, *came, hours=None):
    """Return the roster's form data with the given sign-ups ticked, hours as prefilled or given."""
    data = {}
    for signup in signups:
        if signup in came:
            data[f"came-{signup.pk}"] = "on"
        data[f"hours-{signup.pk}"] = (hours or {}).get(signup.pk, "2.0")
    return data


def logged_hours():
    rows = Participation.objects.filter(kind=Participation.Kind.VOLUNTEER_ATTENDANCE)
    return rows.aggregate(total=Sum("weight"))["total"]


def test_the_roster_lists_everyone_with_a_place_and_prefills_the_activitys_hours(
    client, committee_a, event, signups
):
    client.force_login(committee_a)

    html = client.get(roster(begun(event))).content.decode()

    assert all(signup.name in html for signup in signups)
    assert html.count('value="2.0"') == len(signups)


def test_ticking_who_came_saves_everyone_at_once_and_logs_each_as_a_correction(
    client, committee_a, event, signups
):
    client.force_login(committee_a)
    first, second, third = signups

    data = ticked(signups, first, third, hours={third.pk: "1.5"})
    response = client.post(roster(begun(event)), data)

    assert response.status_code == 302
    hours = dict(VolunteerSignup.objects.values_list("pk", "hours"))
    assert hours == {first.pk: Decimal("2.0"), second.pk: None, third.pk: Decimal("1.5")}
    assert AttendanceCorrection.objects.filter(corrected_by=committee_a).count() == 2
    assert logged_hours() == Decimal("3.5")


def test_unticking_a_volunteer_takes_their_hours_back_out_of_the_log(
    client, committee_a, event, signups
):
    client.force_login(committee_a)
    begun(event)
    client.post(roster(event), ticked(signups, *signups))

    client.post(roster(event), ticked(signups, signups[0], signups[1]))

    assert VolunteerSignup.objects.get(pk=signups[2].pk).hours is None
    assert logged_hours() == Decimal("4.0")
    assert AttendanceCorrection.objects.count() == 4


def test_saving_an_unchanged_roster_writes_nothing(client, committee_a, event, signups):
    client.force_login(committee_a)
    begun(event)
    client.post(roster(event), ticked(signups, signups[0]))

    again = client.post(roster(event), ticked(signups, signups[0]), follow=True)

    assert AttendanceCorrection.objects.count() == 1
    assert "没有改动" in again.content.decode()


def test_hours_for_an_activity_not_yet_started_are_refused_and_nothing_is_saved(
    client, committee_a, event, signups
):
    client.force_login(committee_a)

    response = client.post(roster(event), ticked(signups, *signups))

    assert response.status_code == 400
    assert NOT_STARTED in response.content.decode()
    assert not VolunteerSignup.objects.exclude(hours=None).exists()
    assert not Participation.objects.filter(kind="volunteer_attendance").exists()


def test_more_hours_than_the_activity_credits_are_explained_and_nothing_is_saved(
    client, committee_a, event, signups
):
    client.force_login(committee_a)

    data = ticked(signups, *signups, hours={signups[0].pk: "9"})
    response = client.post(roster(begun(event)), data)

    assert response.status_code == 400
    assert "最多计 2.0 小时" in response.content.decode()
    assert not AttendanceCorrection.objects.exists()


def test_another_committee_cannot_open_or_save_the_roster(client, committee_b, event, signups):
    client.force_login(committee_b)
    begun(event)

    opened = client.get(roster(event))
    saved = client.post(roster(event), ticked(signups, *signups))

    assert opened.status_code == saved.status_code == 403
    assert not AttendanceCorrection.objects.exists()


def test_a_paper_sheet_for_an_activity_not_yet_started_is_refused(client, committee_a, event):
    client.force_login(committee_a)

    response = client.post(f"{SIGNUPS}add/", paper_line(event))

    assert NOT_STARTED in response.content.decode()
    assert VolunteerSignup.objects.count() == 1  # only the fixture's own sign-up


def test_a_single_correction_before_the_activity_starts_is_refused(client, committee_a, event):
    signup = VolunteerSignup.objects.get()
    client.force_login(committee_a)

    response = client.post(f"{SIGNUPS}edit/{signup.pk}/", {"hours": "1.5"})

    signup.refresh_from_db()
    assert NOT_STARTED in response.content.decode() and signup.hours is None


def test_the_event_editor_links_to_its_roster(client, committee_a, event):
    client.force_login(committee_a)

    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()

    assert roster(event) in html


def test_hours_for_a_cancelled_activity_are_refused(client, committee_a, event, signups):
    client.force_login(committee_a)
    begun(event).status = event.Status.CANCELLED
    event.save()

    response = client.post(roster(event), ticked(signups, *signups))

    assert response.status_code == 400 and "这项活动已取消" in response.content.decode()
    assert not AttendanceCorrection.objects.exists()
