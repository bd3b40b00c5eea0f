"""Posts outside Wagtail's routing find their page the way Wagtail would serve it."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from campaigns import factories
from campaigns.models import PledgeSignature
from home.page_cache import keep, kept
from tests.campaigns.pledging import sign_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_pledge(campaign_index):
    campaign = factories.CampaignPageFactory(parent=campaign_index)
    pledge = factories.PledgePageFactory(parent=campaign)
    PageViewRestriction.objects.create(
        page=pledge, restriction_type=PageViewRestriction.PASSWORD, password="wenming"
    )
    return pledge


def signing(place=None, phone="13812345678"):
    place = place or factories.NeighbourhoodFactory()
    return {"name": "张三明", "neighbourhood": place.pk, "phone": phone, "consent": "on"}


def test_a_private_pledge_takes_signatures_only_from_visitors_who_unlocked_it(private_pledge):
    stranger, member = Client(), Client()
    restriction = private_pledge.get_view_restrictions().get()
    unlock = f"/_util/authenticate_with_password/{restriction.pk}/{private_pledge.pk}/"
    member.post(unlock, {"password": "wenming", "return_url": private_pledge.url})

    refused = stranger.post(sign_url(private_pledge), signing())
    taken = member.post(sign_url(private_pledge), signing())

    assert (refused.status_code, taken.status_code) == (404, 302)
    assert PledgeSignature.objects.count() == 1


def test_an_impossibly_large_page_id_is_not_found(client):
    response = client.post("/pledges/9223372036854775808/sign/", signing())

    assert response.status_code == 404


@pytest.fixture
def pages_kept(settings):
    """Turn on the page cache, whose generation kept pages follow."""
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def pledge(campaign_index):
    return factories.PledgePageFactory(parent=factories.CampaignPageFactory(parent=campaign_index))


def posted_queries(pledge, fields):
    with CaptureQueriesContext(connection) as queries:
        assert Client().post(sign_url(pledge), fields).status_code == 302
    return [query["sql"] for query in queries]


def test_a_second_post_finds_the_kept_page_without_looking_it_up(pages_kept, pledge):
    # Made beforehand: a new neighbourhood starts a new generation, as an edit of one does.
    place = factories.NeighbourhoodFactory()
    first = posted_queries(pledge, signing(place, "13812345678"))
    second = posted_queries(pledge, signing(place, "13912345678"))

    # The page, its view restrictions and its campaign come from the cache the second time.
    pages = [sql for sql in first if "wagtailcore_page" in sql]
    assert len(pages) >= 3
    assert not [sql for sql in second if "wagtailcore_page" in sql]


def test_a_page_made_private_after_it_was_kept_refuses_strangers(pages_kept, pledge):
    assert Client().post(sign_url(pledge), signing()).status_code == 302
    PageViewRestriction.objects.create(
        page=pledge, restriction_type=PageViewRestriction.PASSWORD, password="wenming"
    )

    assert Client().post(sign_url(pledge), signing()).status_code == 404
    assert PledgeSignature.objects.count() == 1


def test_a_page_whose_campaign_is_made_private_refuses_strangers(pages_kept, pledge):
    Client().post(sign_url(pledge), signing())
    PageViewRestriction.objects.create(
        page=pledge.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )

    assert Client().post(sign_url(pledge), signing()).status_code == 404


def test_an_unpublished_page_is_not_found_after_it_was_kept(pages_kept, pledge):
    Client().post(sign_url(pledge), signing())
    pledge.unpublish()

    assert Client().post(sign_url(pledge), signing()).status_code == 404


def test_a_page_kept_before_its_restriction_is_committed_is_stale_after_the_commit(
    pages_kept, pledge, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=pledge, restriction_type=PageViewRestriction.PASSWORD, password="wenming"
        )
        # As another request would, reading the page before the restriction was committed.
        generation, _kept = kept([])
        keep({f"open-page:{pledge.pk}": pledge}, generation)

    assert Client().post(sign_url(pledge), signing()).status_code == 404


def test_a_page_this_process_holds_is_checked_by_its_generation_alone(
    pages_kept, pledge, monkeypatch
):
    from django.core.cache import cache

    from campaigns.models import PledgePage
    from home.page_cache import GENERATION
    from home.pages import live_page

    live_page(PledgePage, pledge.pk)
    asked, get_many = [], cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: asked.append(keys) or get_many(keys))

    page, _restrictions = live_page(PledgePage, pledge.pk)

    assert page.pk == pledge.pk
    assert asked == [[GENERATION]]


def test_a_page_held_before_the_cache_lost_its_data_is_looked_up_again(pages_kept, pledge):
    from django.core.cache import cache

    from campaigns.models import PledgePage
    from home.pages import live_page

    live_page(PledgePage, pledge.pk)
    # A change the cache never heard of, then a restart of Redis, which keeps nothing on disk.
    PledgePage.objects.filter(pk=pledge.pk).update(title="新公约")
    cache.clear()

    page, _restrictions = live_page(PledgePage, pledge.pk)

    assert page.title == "新公约"


@pytest.fixture
def reader(settings):
    """A resident whose quiz cookie makes every page render afresh, past the page cache."""
    settings.PAGE_CACHE_SECONDS = 300
    from home.models import SiteSettings
    from quizzes.devices import DEVICE_COOKIE

    # Made on the first page view, which would otherwise start a new generation after it.
    SiteSettings.load()
    visitor = Client()
    visitor.cookies[DEVICE_COOKIE] = "device"
    return visitor


def test_a_second_view_of_a_page_finds_its_address_without_walking_the_tree(reader, pledge):
    assert reader.get(pledge.url).status_code == 200

    with CaptureQueriesContext(connection) as queries:
        assert reader.get(pledge.url).status_code == 200

    routing = [q["sql"] for q in queries if "wagtailcore_site" in q["sql"]]
    assert routing == []


def test_a_page_unpublished_after_its_address_was_kept_is_not_found(reader, pledge):
    url = pledge.url
    reader.get(url)
    pledge.unpublish()

    assert reader.get(url).status_code == 404


def test_a_moved_page_is_served_at_its_new_address(reader, pledge, campaign_index):
    old_url = pledge.url
    reader.get(old_url)
    other = factories.CampaignPageFactory(parent=campaign_index, slug="other-campaign")
    pledge.move(other, pos="last-child")
    pledge.refresh_from_db()

    moved = reader.get(old_url)

    # Wagtail leaves a redirect behind at the old address.
    assert (moved.status_code, moved["Location"]) == (301, pledge.url)
    assert reader.get(pledge.url).status_code == 200


def test_a_page_made_private_after_its_address_was_kept_asks_for_the_password(reader, pledge):
    reader.get(pledge.url)
    PageViewRestriction.objects.create(
        page=pledge, restriction_type=PageViewRestriction.PASSWORD, password="wenming"
    )

    response = reader.get(pledge.url)

    assert response.status_code == 200
    assert "wenming" not in response.content.decode()
    assert "password" in response.content.decode().lower()
