import pytest
from django.contrib.auth import get_user_model

from campaigns import factories
from campaigns.roles import ensure_committee_group, ensure_publicity_staff_group, neighbourhoods_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def rooms(volunteer_index):
    own = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    other = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    return own, other


@pytest.fixture
def committee_user(rooms):
    user = get_user_model().objects.create_user("committee", password="pw")
    user.groups.add(ensure_committee_group(rooms[0]))
    return user


@pytest.fixture
def staff_user(home_page):
    user = get_user_model().objects.create_user("publicity", password="pw")
    user.groups.add(ensure_publicity_staff_group())
    return user


def test_a_committee_edits_its_own_neighbourhood_page(client, committee_user, rooms):
    client.force_login(committee_user)

    response = client.get(f"/admin/pages/{rooms[0].pk}/edit/")

    assert response.status_code == 200
    assert rooms[0].permissions_for_user(committee_user).can_edit()


def test_a_committee_cannot_edit_another_neighbourhood_a_regulation_or_a_campaign(
    client, committee_user, rooms, regulation_index, campaign_index
):
    regulation = factories.RegulationPageFactory(parent=regulation_index)
    campaign = factories.CampaignPageFactory(parent=campaign_index)
    client.force_login(committee_user)

    for page in (rooms[1], regulation, campaign):
        assert not page.permissions_for_user(committee_user).can_edit()
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code in (302, 403), page
        response = client.post(f"/admin/pages/{page.pk}/edit/", {"title": "篡改"})
        assert response.status_code in (302, 403), page
        assert page.__class__.objects.get(pk=page.pk).title != "篡改"


def test_a_committee_cannot_publish_even_its_own_page(committee_user, rooms):
    assert not rooms[0].permissions_for_user(committee_user).can_publish()


def test_the_committee_explorer_shows_only_its_own_neighbourhood(client, committee_user, rooms):
    client.force_login(committee_user)

    html = client.get("/admin/pages/", follow=True).content.decode()

    assert rooms[0].title in html
    assert rooms[1].title not in html


def test_publicity_staff_edit_and_publish_everything(staff_user, rooms, regulation_index):
    regulation = factories.RegulationPageFactory(parent=regulation_index)

    for page in (rooms[1], regulation, regulation_index):
        permissions = page.permissions_for_user(staff_user)
        assert permissions.can_edit() and permissions.can_publish()


def test_committees_see_only_their_own_neighbourhood_data(committee_user, staff_user, rooms):
    assert list(neighbourhoods_for(committee_user)) == [rooms[0].neighbourhood]
    assert set(neighbourhoods_for(staff_user)) == {room.neighbourhood for room in rooms}


def test_setting_up_groups_twice_changes_nothing(rooms):
    first = ensure_committee_group(rooms[0])
    count = first.page_permissions.count()

    assert ensure_committee_group(rooms[0]) == first
    assert first.page_permissions.count() == count
    assert ensure_publicity_staff_group() == ensure_publicity_staff_group()


def test_publicity_staff_manage_the_question_bank(staff_user):
    assert staff_user.has_perms(["quizzes.add_question", "quizzes.change_question"])
