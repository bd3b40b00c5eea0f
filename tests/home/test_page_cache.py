"""Anonymous visitors get stored pages; editors, personal pages and stale pages never do."""

import re
import time

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import PageViewRestriction

from campaigns import factories
from campaigns.models import PledgeSignature
from home.models import SiteSettings
from quizzes.devices import DEVICE_COOKIE
from tests.campaigns.pledging import sign_url

pytestmark = pytest.mark.django_db
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def without_csrf(response):
    return CSRF_TOKEN.sub("", response.content.decode())


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_LIVE_SECONDS = 300
    # Made on the first page view, which would otherwise make that view's stored copy stale.
    SiteSettings.load()


@pytest.fixture
def campaign(campaign_index):
    return factories.CampaignPageFactory(parent=campaign_index, title="垃圾分类宣传月")


@pytest.fixture
def pledge(campaign):
    return factories.PledgePageFactory(parent=campaign, goal=10)


def test_a_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, campaign, django_assert_num_queries
):
    first = client.get(campaign.url)

    with django_assert_num_queries(0):
        second = client.get(campaign.url)

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert without_csrf(second) == without_csrf(first)
    assert second["Content-Type"] == first["Content-Type"]


def test_publishing_a_change_is_seen_at_once(client, campaign):
    client.get(campaign.url)

    campaign.title = "垃圾分类攻坚月"
    campaign.save_revision().publish()

    response = client.get(campaign.url)
    assert response["X-Page-Cache"] == "miss"
    assert "垃圾分类攻坚月" in response.content.decode()


def test_unpublishing_removes_the_stored_page(client, campaign):
    client.get(campaign.url)

    campaign.unpublish()

    assert client.get(campaign.url).status_code == 404


def test_editing_a_neighbourhood_makes_stored_pages_stale(client, campaign):
    place = factories.NeighbourhoodFactory(name="旧名社区")
    client.get("/")

    place.name = "新名社区"
    place.save()

    assert client.get("/")["X-Page-Cache"] == "miss"


def test_logged_in_editors_are_never_served_or_stored(client, campaign, admin_user):
    client.force_login(admin_user)
    first = client.get(campaign.url)
    second = client.get(campaign.url)

    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second
    assert Client().get(campaign.url)["X-Page-Cache"] == "miss"


def test_a_visitor_with_a_quiz_device_cookie_gets_a_fresh_page(client, campaign):
    Client().get(campaign.url)
    client.cookies[DEVICE_COOKIE] = "anything"

    assert "X-Page-Cache" not in client.get(campaign.url)


def test_each_remembered_neighbourhood_gets_its_own_copy(client, campaign):
    from campaigns.residents import remember_neighbourhood

    place = factories.NeighbourhoodFactory(name="澄湖社区")
    Client().get(campaign.url)
    response = client.get("/")
    remember_neighbourhood(response, place)
    client.cookies.update(response.cookies)

    assert client.get(campaign.url)["X-Page-Cache"] == "miss"


def test_pages_outside_wagtail_are_not_stored(client, campaign):
    client.get("/search/?q=垃圾")

    assert client.get("/search/?q=垃圾").get("X-Page-Cache") == "miss"


def test_a_private_page_is_never_stored(client, campaign):
    PageViewRestriction.objects.create(
        page=campaign, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    first, second = client.get(campaign.url), client.get(campaign.url)

    assert "垃圾分类宣传月" not in second.content.decode()
    assert second["X-Page-Cache"] == "miss"
    assert first.status_code == second.status_code


def test_making_a_stored_page_private_stops_serving_it(client, campaign):
    client.get(campaign.url)

    PageViewRestriction.objects.create(
        page=campaign, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    assert "垃圾分类宣传月" not in client.get(campaign.url).content.decode()


def test_each_reader_of_a_stored_form_gets_a_working_token_of_their_own(pledge):
    place = factories.NeighbourhoodFactory()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(pledge.url)

    page = second.get(pledge.url)

    assert page["X-Page-Cache"] == "hit"
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert second.cookies["csrftoken"].value
    response = second.post(
        sign_url(pledge),
        {
            "name": "张三明",
            "neighbourhood": place.pk,
            "phone": "13812345678",
            "consent": "on",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302
    assert PledgeSignature.objects.count() == 1


def test_pages_with_live_figures_are_refreshed_within_seconds(client, settings, pledge):
    settings.PAGE_CACHE_LIVE_SECONDS = 1
    client.get(pledge.url)
    assert client.get(pledge.url)["X-Page-Cache"] == "hit"

    time.sleep(1.2)

    assert client.get(pledge.url)["X-Page-Cache"] == "miss"


def test_pages_are_served_when_the_cache_is_down(client, settings, campaign):
    settings.CACHES = {
        "default": {
            "BACKEND": "home.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }

    response = client.get(campaign.url)

    assert response.status_code == 200
    assert "垃圾分类宣传月" in response.content.decode()
    cache.close()
