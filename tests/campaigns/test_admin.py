import json

import pytest
from django.contrib.auth import get_user_model

from campaigns import factories
from campaigns.models import Neighbourhood

pytestmark = pytest.mark.django_db
SQUARE = [[115.9, 28.5], [115.91, 28.5], [115.9, 28.51], [115.9, 28.5]]


@pytest.fixture
def admin_client(client, home_page):
    client.force_login(get_user_model().objects.create_superuser("admin", password="pw"))
    return client


@pytest.mark.parametrize(
    "model", ["campaignindexpage", "newsindexpage", "regulationindexpage", "volunteerindexpage"]
)
def test_staff_can_open_the_editor_for_each_section(admin_client, home_page, model):
    response = admin_client.get(f"/admin/pages/add/campaigns/{model}/{home_page.pk}/")

    assert response.status_code == 200


def test_staff_can_open_the_editor_for_campaigns_articles_and_regulations(
    admin_client, campaign_index, regulation_index
):
    campaign = factories.CampaignPageFactory(parent=campaign_index)

    for url in (
        f"/admin/pages/add/campaigns/campaignpage/{campaign_index.pk}/",
        f"/admin/pages/add/campaigns/articlepage/{campaign.pk}/",
        f"/admin/pages/add/campaigns/regulationpage/{regulation_index.pk}/",
        f"/admin/pages/{campaign.pk}/edit/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_neighbourhoods_are_listed_and_filtered_by_town_in_the_admin(admin_client):
    inside = factories.NeighbourhoodFactory(name="澄湖社区")
    factories.NeighbourhoodFactory(name="向阳社区")

    response = admin_client.get(
        "/admin/snippets/campaigns/neighbourhood/", {"town": inside.town.pk}
    )

    assert response.status_code == 200
    assert "澄湖社区" in response.content.decode()
    assert "向阳社区" not in response.content.decode()


def test_a_neighbourhood_outline_must_be_geojson(admin_client):
    town = factories.TownFactory()
    data = {
        "name": "新社区",
        "slug": "xin",
        "town": town.pk,
        "population": 5000,
        "households": 1800,
    }

    bad = admin_client.post(
        "/admin/snippets/campaigns/neighbourhood/add/", {**data, "outline": '{"type": "Point"}'}
    )
    good = admin_client.post(
        "/admin/snippets/campaigns/neighbourhood/add/",
        {
            **data,
            "outline": json.dumps({"type": "Polygon", "coordinates": [SQUARE]}),
        },
    )

    assert bad.status_code == 200 and "GeoJSON" in bad.content.decode()
    assert good.status_code == 302
    assert Neighbourhood.objects.get(slug="xin").outline["type"] == "Polygon"


def test_creating_a_neighbourhood_volunteer_page_creates_its_committee_group(
    admin_client, volunteer_index
):
    neighbourhood = factories.NeighbourhoodFactory(name="澄湖社区")

    response = admin_client.post(
        f"/admin/pages/add/campaigns/neighbourhoodvolunteerpage/{volunteer_index.pk}/",
        {"title": "澄湖社区志愿服务", "slug": "chenghu", "neighbourhood": neighbourhood.pk},
    )

    neighbourhood.refresh_from_db()
    assert response.status_code == 302
    assert neighbourhood.committee_group is not None
    assert neighbourhood.committee_group.page_permissions.exists()
