"""Hand corrections of volunteer hours keep the append-only log's totals true."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum

from campaigns import factories
from campaigns.models import AttendanceCorrection, Participation
from campaigns.volunteering import correct_attendance, enter_paper_attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def signup(volunteer_index):
    room = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    event = factories.VolunteerEventPageFactory(parent=room)
    return enter_paper_attendance(
        event,
        name="钱大爷",
        neighbourhood=room.neighbourhood,
        phone="13512345678",
        hours=Decimal("2"),
        entered_by=None,
    )


def logged_hours():
    rows = Participation.objects.filter(kind="volunteer_attendance")
    return rows.aggregate(total=Sum("weight"))["total"]


def test_each_correction_moves_the_logged_hours_to_the_new_figure(signup):
    staff = get_user_model().objects.create_user("committee")

    figures = []
    for hours in (Decimal("1.5"), None, Decimal("1"), Decimal("1")):
        correct_attendance(signup, hours=hours, corrected_by=staff)
        figures.append(logged_hours())

    assert figures == [Decimal("1.5"), Decimal("0"), Decimal("1"), Decimal("1")]
    assert AttendanceCorrection.objects.filter(corrected_by=staff).count() == 4
    assert Participation.objects.filter(kind="volunteer_attendance").count() == 4
    assert Participation.objects.values("participant").distinct().count() == 1


def test_hours_above_the_credited_hours_are_capped_in_the_log_too(signup):
    correct_attendance(signup, hours=Decimal("9"), corrected_by=None)

    assert logged_hours() == signup.event.credited_hours
