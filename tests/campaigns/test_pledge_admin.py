import csv
import io

import pytest
from django.contrib.auth import get_user_model

from campaigns import factories
from campaigns.models import Participation, PledgeSignature
from campaigns.pledges import sign_pledge
from campaigns.roles import ensure_committee_group, ensure_publicity_staff_group

pytestmark = pytest.mark.django_db
SIGNATURES = "/admin/snippets/campaigns/pledgesignature/"


@pytest.fixture
def pledge(campaign_index):
    return factories.PledgePageFactory(parent=factories.CampaignPageFactory(parent=campaign_index))


@pytest.fixture
def rooms(volunteer_index):
    return [factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index) for _ in range(2)]


def committee_of(room, username):
    user = get_user_model().objects.create_user(username, password="pw")
    user.groups.add(ensure_committee_group(room))
    return user


@pytest.fixture
def committee_a(client, rooms):
    client.force_login(committee_of(rooms[0], "committee-a"))
    return client


def paper_sheet(pledge, neighbourhood, **overrides):
    return {
        "pledge": pledge.pk,
        "name": "刘大妈",
        "neighbourhood": neighbourhood.pk,
        "phone": "13512345678",
        "paper_consent": "on",
        **overrides,
    }


def test_a_committee_enters_a_paper_signature_that_is_marked_and_counted(
    committee_a, pledge, rooms
):
    response = committee_a.post(f"{SIGNATURES}add/", paper_sheet(pledge, rooms[0].neighbourhood))

    signature = PledgeSignature.objects.get()
    assert response.status_code == 302
    assert signature.assisted and signature.entered_by.username == "committee-a"
    assert signature.phone_masked == "135****5678"
    assert Participation.objects.get().neighbourhood == rooms[0].neighbourhood


def test_a_committee_cannot_enter_signatures_for_another_neighbourhood(committee_a, pledge, rooms):
    response = committee_a.post(f"{SIGNATURES}add/", paper_sheet(pledge, rooms[1].neighbourhood))

    assert response.status_code == 200
    assert not PledgeSignature.objects.exists()


def test_a_number_already_signed_is_reported_to_the_committee(committee_a, pledge, rooms):
    sign_pledge(pledge, name="刘大妈", neighbourhood=rooms[0].neighbourhood, phone="13512345678")

    response = committee_a.post(f"{SIGNATURES}add/", paper_sheet(pledge, rooms[0].neighbourhood))

    assert response.status_code == 200
    assert PledgeSignature.objects.count() == 1


def test_a_number_signed_in_another_neighbourhood_looks_new_and_is_not_counted_twice(
    committee_a, pledge, rooms
):
    sign_pledge(pledge, name="王先生", neighbourhood=rooms[1].neighbourhood, phone="13512345678")
    fresh = paper_sheet(pledge, rooms[0].neighbourhood, phone="13512340000", name="赵阿姨")
    first = committee_a.post(f"{SIGNATURES}add/", fresh, follow=True)

    sheet = paper_sheet(pledge, rooms[0].neighbourhood)
    response = committee_a.post(f"{SIGNATURES}add/", sheet, follow=True)

    # The same answer as a first signature: back to the list, told it was entered, nothing
    # about the resident who signed elsewhere.
    assert response.redirect_chain == first.redirect_chain
    page = response.content.decode()
    assert "刘大妈" in page and "王先生" not in page
    assert PledgeSignature.objects.filter(phone_masked="135****5678").count() == 1
    assert Participation.objects.filter(kind="pledge").count() == 2


def test_a_committee_sees_only_its_own_neighbourhood_signatures(committee_a, pledge, rooms):
    sign_pledge(pledge, name="本社区", neighbourhood=rooms[0].neighbourhood, phone="13500000001")
    other = sign_pledge(
        pledge, name="外社区", neighbourhood=rooms[1].neighbourhood, phone="13500000002"
    )

    listing = committee_a.get(SIGNATURES).content.decode()
    exported = committee_a.get(SIGNATURES, {"export": "csv"}).getvalue().decode()

    assert "本社区" in listing and "外社区" not in listing
    assert "本社区" in exported and "外社区" not in exported
    for view in ("edit", "delete", "history", "usage", "inspect"):
        response = committee_a.get(f"{SIGNATURES}{view}/{other.pk}/")
        assert response.status_code in (302, 403, 404), view
        assert "外社区" not in response.content.decode(), view
    report = committee_a.get("/admin/reports/pledge-signatures/").content.decode()
    assert rooms[0].neighbourhood.name in report and rooms[1].neighbourhood.name not in report


def test_staff_export_masks_phones_and_defuses_formulas(client, home_page, pledge):
    neighbourhood = factories.NeighbourhoodFactory()
    sign_pledge(pledge, name="=SUM(A1:A9)", neighbourhood=neighbourhood, phone="13512345678")
    staff = get_user_model().objects.create_user("publicity", password="pw")
    staff.groups.add(ensure_publicity_staff_group())
    client.force_login(staff)

    response = client.get(SIGNATURES, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    xlsx = client.get(SIGNATURES, {"export": "xlsx"})

    assert rows[1][0].startswith("'=")
    assert "135****5678" in rows[1]
    assert "13512345678" not in response.getvalue().decode()
    assert xlsx.status_code == 200


def test_the_report_counts_signatures_per_neighbourhood_against_population(admin_client, pledge):
    big = factories.NeighbourhoodFactory(name="大社区", population=10000)
    small = factories.NeighbourhoodFactory(name="小社区", population=1000)
    for n in range(3):
        sign_pledge(pledge, name="居民", neighbourhood=small, phone=f"1360000000{n}")
    sign_pledge(pledge, name="居民", neighbourhood=big, phone="13700000000")

    response = admin_client.get("/admin/reports/pledge-signatures/", {"export": "csv"})
    rows = {row[1]: row for row in csv.reader(io.StringIO(response.getvalue().decode()))}

    assert rows["小社区"][3:] == ["3", "0", "3.0"]
    assert rows["大社区"][3:] == ["1", "0", "0.1"]


def test_anonymous_visitors_and_other_users_cannot_reach_signatures(client, pledge, rooms):
    assert client.get(SIGNATURES).status_code == 302
    client.force_login(get_user_model().objects.create_user("nobody", password="pw"))
    assert client.get(SIGNATURES).status_code in (302, 403)
