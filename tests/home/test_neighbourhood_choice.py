import pytest

from campaigns import factories
from campaigns.residents import remembered_neighbourhood_id

pytestmark = pytest.mark.django_db


def test_the_chosen_neighbourhood_is_remembered_on_later_visits(client, home_page):
    neighbourhood = factories.NeighbourhoodFactory(name="澄湖社区")

    response = client.post(
        "/neighbourhood/", {"neighbourhood": neighbourhood.pk, "next": "/search/"}
    )
    later = client.get("/")

    assert response.status_code == 302 and response.url == "/search/#my-neighbourhood"
    assert remembered_neighbourhood_id(later.wsgi_request) == neighbourhood.pk
    assert (
        f'<option value="{neighbourhood.pk}" selected>澄湖社区</option>' in later.content.decode()
    )


@pytest.mark.parametrize("value", ["", "abc", "999999", "1 OR 1=1"])
def test_a_neighbourhood_not_in_the_list_gets_a_clear_message(client, home_page, value):
    response = client.post("/neighbourhood/", {"neighbourhood": value})

    assert response.status_code == 400
    assert "社区" in response.content.decode()
    assert "neighbourhood" not in response.cookies


def test_the_choice_never_redirects_to_another_site(client, home_page):
    neighbourhood = factories.NeighbourhoodFactory()

    response = client.post(
        "/neighbourhood/", {"neighbourhood": neighbourhood.pk, "next": "https://evil.example/"}
    )

    assert response.url == "/#my-neighbourhood"


def test_a_tampered_cookie_is_ignored(client, home_page):
    client.cookies["neighbourhood"] = "5"

    response = client.get("/")

    assert response.status_code == 200
    assert remembered_neighbourhood_id(response.wsgi_request) is None
