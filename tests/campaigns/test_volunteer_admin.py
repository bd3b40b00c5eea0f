"""Committees run their own activities in the admin; another committee sees none of it."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import rich_text

from campaigns import factories
from campaigns.models import Participation, VolunteerEventPage, VolunteerSignup
from campaigns.roles import ensure_publicity_staff_group
from tests.campaigns.conftest import PHONE, member

pytestmark = pytest.mark.django_db
SIGNUPS = "/admin/snippets/campaigns/volunteersignup/"


def event_form(**fields):
    start = timezone.localtime() + datetime.timedelta(days=5)
    return {
        "title": "楼道清理",
        "slug": "loudao",
        "description": rich_text("<p>清理楼道杂物。</p>"),
        "starts_at": start.strftime("%Y-%m-%d 09:00"),
        "ends_at": start.strftime("%Y-%m-%d 11:00"),
        "place": "3栋楼下",
        "capacity": 10,
        "status": "planned",
        "consent_text": "同意",
        **fields,
    }


def test_a_committee_submits_an_event_that_staff_approve(client, committee_a, rooms):
    client.force_login(committee_a)
    url = f"/admin/pages/add/campaigns/volunteereventpage/{rooms[0].pk}/"

    response = client.post(url, event_form(**{"action-submit": "Submit"}))

    event = VolunteerEventPage.objects.get()
    assert response.status_code == 302
    assert not event.live and event.neighbourhood == rooms[0].neighbourhood
    state = WorkflowState.objects.get()
    assert state.status == "in_progress"
    staff = member(ensure_publicity_staff_group(), "staff")
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(event, staff)
    client.force_login(staff)
    approve = client.post(
        f"/admin/pages/{event.pk}/edit/",
        {**event_form(), "action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    assert approve.status_code == 302
    event.refresh_from_db()
    assert event.live


def test_a_committee_cannot_publish_directly(client, committee_a, rooms):
    client.force_login(committee_a)
    url = f"/admin/pages/add/campaigns/volunteereventpage/{rooms[0].pk}/"

    client.post(url, event_form(**{"action-publish": "Publish"}))

    assert not VolunteerEventPage.objects.filter(live=True).exists()


def test_a_committee_cannot_add_events_to_another_room(client, committee_b, rooms):
    client.force_login(committee_b)
    url = f"/admin/pages/add/campaigns/volunteereventpage/{rooms[0].pk}/"

    assert client.get(url).status_code in (302, 403)
    client.post(url, event_form())
    assert not VolunteerEventPage.objects.exists()


def test_the_committee_sees_phones_of_its_sign_ups_and_exports_them(client, committee_a, event):
    client.force_login(committee_a)

    listing = client.get(f"{SIGNUPS}?event={event.pk}")
    export = client.get(f"{SIGNUPS}?export=csv")
    xlsx = client.get(f"{SIGNUPS}?export=xlsx")

    assert PHONE in listing.content.decode()
    assert PHONE in b"".join(export.streaming_content).decode()
    assert xlsx.status_code == 200


def test_the_committee_prints_its_qr_code(client, committee_a, event):
    client.force_login(committee_a)

    poster = client.get(f"/admin/volunteer-events/{event.pk}/qr/")
    svg = client.get(f"/admin/volunteer-events/{event.pk}/qr.svg")

    assert poster.status_code == 200 and "<svg" in poster.content.decode()
    assert event.checkin_token in poster.content.decode()
    assert svg["Content-Type"] == "image/svg+xml" and svg.content.startswith(b"<svg")


def test_another_committee_sees_none_of_it(client, committee_b, event):
    signup = VolunteerSignup.objects.get()
    client.force_login(committee_b)

    assert PHONE not in client.get(SIGNUPS).content.decode()
    assert PHONE not in b"".join(client.get(f"{SIGNUPS}?export=csv").streaming_content).decode()
    assert client.get(f"{SIGNUPS}edit/{signup.pk}/").status_code == 404
    assert client.get(f"{SIGNUPS}history/{signup.pk}/").status_code == 404
    assert client.get(f"/admin/volunteer-events/{event.pk}/qr/").status_code == 403
    assert client.get(f"/admin/volunteer-events/{event.pk}/qr.svg").status_code == 403
    assert client.get(f"/admin/pages/{event.pk}/edit/").status_code in (302, 403)


def test_a_resident_without_login_reaches_no_admin_page(client, event):
    assert client.get(f"/admin/volunteer-events/{event.pk}/qr/").status_code == 302
    assert client.get(SIGNUPS).status_code == 302


def begun(event):
    """Move the activity to have started an hour ago, as attendance is entered once it has."""
    event.starts_at = timezone.now() - datetime.timedelta(hours=1)
    event.ends_at = event.starts_at + datetime.timedelta(hours=2)
    event.save()
    return event


def test_the_committee_corrects_hours_and_the_change_is_signed(client, committee_a, event):
    begun(event)
    signup = VolunteerSignup.objects.get()
    client.force_login(committee_a)

    response = client.post(
        f"{SIGNUPS}edit/{signup.pk}/", {"checked_in_at": "", "checked_out_at": "", "hours": "1.5"}
    )

    signup.refresh_from_db()
    assert response.status_code == 302
    assert signup.hours == Decimal("1.5") and signup.corrected_by == committee_a
    assert Participation.objects.get(kind="volunteer_attendance").weight == Decimal("1.5")


def test_another_committee_cannot_correct_hours(client, committee_b, event):
    signup = VolunteerSignup.objects.get()
    client.force_login(committee_b)

    response = client.post(f"{SIGNUPS}edit/{signup.pk}/", {"hours": "5"})

    signup.refresh_from_db()
    assert response.status_code == 404 and signup.hours is None


def paper_line(event, **overrides):
    return {
        "event": event.pk,
        "name": "钱大爷",
        "neighbourhood": event.neighbourhood_id,
        "phone": "13512345678",
        "hours": "2",
        "paper_consent": "on",
        **overrides,
    }


def test_a_committee_enters_a_held_activity_from_its_paper_sheet(client, committee_a, rooms):
    held = factories.VolunteerEventPageFactory(
        parent=rooms[0],
        status="held",
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2) + datetime.timedelta(hours=3),
    )
    client.force_login(committee_a)

    response = client.post(f"{SIGNUPS}add/", paper_line(held))

    signup = VolunteerSignup.objects.get()
    assert response.status_code == 302
    assert signup.assisted and signup.entered_by == committee_a and signup.hours == 2
    kinds = sorted(Participation.objects.values_list("kind", flat=True))
    assert kinds == ["volunteer_attendance", "volunteer_signup"]


def test_a_committee_cannot_enter_sheets_for_another_rooms_activity(client, committee_b, event):
    client.force_login(committee_b)

    response = client.post(f"{SIGNUPS}add/", paper_line(event))

    assert response.status_code == 200
    assert VolunteerSignup.objects.count() == 1


def test_bad_hours_on_a_paper_line_are_explained(client, committee_a, event):
    client.force_login(committee_a)

    response = client.post(f"{SIGNUPS}add/", paper_line(event, hours="abc"))

    assert response.status_code == 200
    assert response.context["form"].errors["hours"]


def test_the_activity_filter_offers_only_the_committees_own_activities(client, committee_b, event):
    client.force_login(committee_b)

    response = client.get(SIGNUPS)

    assert event.title not in response.content.decode()


def test_the_event_editor_links_to_its_sign_ups_and_qr_code(client, committee_a, event):
    client.force_login(committee_a)

    page = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()

    assert f"{SIGNUPS}?event={event.pk}" in page
    assert f"/admin/volunteer-events/{event.pk}/qr/" in page


def test_a_moved_event_follows_its_room(admin_client, rooms, event):
    response = admin_client.post(f"/admin/pages/{event.pk}/move/{rooms[1].pk}/confirm/")

    event.refresh_from_db()
    assert response.status_code == 302
    assert event.neighbourhood == rooms[1].neighbourhood
