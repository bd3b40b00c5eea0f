"""文明榜 ranks neighbourhoods by reach rate, hiding small figures; campaign pages sum reach up."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from campaigns import factories, reach
from campaigns.demo.pages import build_reach_page
from campaigns.models import Participation, ReachPage, record_participation
from campaigns.residents import participant_key

pytestmark = pytest.mark.django_db
Kind = Participation.Kind


@pytest.fixture
def reach_page(home_page):
    return build_reach_page(home_page)


@pytest.fixture
def county():
    """Two towns; residents per 1,000: 甲 10.0, 乙 10.0, 丙 3.0, 丁 0, and 戊 with 3 residents."""
    north = factories.TownFactory(name="北镇", sort_order=1)
    south = factories.TownFactory(name="南镇", sort_order=2)
    places = {
        "甲社区": factories.NeighbourhoodFactory(name="甲社区", town=north, population=1000),
        "丙社区": factories.NeighbourhoodFactory(name="丙社区", town=north, population=2000),
        "戊社区": factories.NeighbourhoodFactory(name="戊社区", town=north, population=1000),
        "乙社区": factories.NeighbourhoodFactory(name="乙社区", town=south, population=500),
        "丁社区": factories.NeighbourhoodFactory(name="丁社区", town=south, population=1000),
    }
    return north, south, places


@pytest.fixture
def campaign(campaign_index):
    return factories.CampaignPageFactory(parent=campaign_index, title="文明交通")


def take_part(place, residents, campaign=None, first=0, kind=Kind.QUIZ):
    for number in range(first, first + residents):
        record_participation(
            kind,
            neighbourhood=place,
            campaign=campaign,
            participant=participant_key(f"1390000{number:04d}"),
        )


@pytest.fixture
def taking_part(county, campaign):
    _north, _south, places = county
    take_part(places["甲社区"], 10, campaign)
    take_part(places["乙社区"], 5, campaign, first=100)
    take_part(places["丙社区"], 6, campaign, first=200)
    take_part(places["戊社区"], 3, campaign, first=300)
    reach.roll_up()
    return places


def rows(response):
    """Return (rank, neighbourhood, residents) as the ranking shows them, top to bottom."""
    ranking = response.context["ranking"]
    return [(line["rank"], line["name"], line["residents"]) for line in ranking["ranked"]]


def test_neighbourhoods_are_ranked_by_residents_per_thousand(client, reach_page, taking_part):
    response = client.get(reach_page.url)

    assert response.status_code == 200
    # Equal rates share a rank; the next rank skips, as in any league table.
    # 丙社区 goes unranked with 戊社区: otherwise 北镇's total would give 戊社区's figure away.
    assert rows(response) == [(1, "甲社区", 10), (1, "乙社区", 5), (3, "丁社区", 0)]
    html = response.content.decode()
    assert html.index("甲社区") < html.index("乙社区") < html.index("丁社区") < html.index("丙社区")
    assert html.count('<rect width="100"') == 2  # the two leaders' bars are full length


def test_a_neighbourhood_with_fewer_than_five_residents_shows_no_number_and_no_rank(
    client, reach_page, taking_part
):
    response = client.get(reach_page.url)

    assert response.context["ranking"]["few"] == [
        {"name": "丙社区", "town": "北镇", "residents": None, "per_thousand": None},
        {"name": "戊社区", "town": "北镇", "residents": None, "per_thousand": None},
    ]
    html = response.content.decode()
    hidden = re.findall(r'<tr class="unranked">(.*?)</tr>', html, re.DOTALL)
    assert "丙社区" in hidden[0] and "6" not in hidden[0]
    assert "戊社区" in hidden[1] and "3" not in hidden[1]
    assert html.index("丁社区") < html.index("戊社区")


def test_the_county_total_heads_the_ranking(client, reach_page, taking_part):
    total = client.get(reach_page.url).context["ranking"]["county"]

    # 24 residents of the county's 5,500.
    assert total == {"residents": 24, "per_thousand": Decimal("4.4")}


def test_the_town_filter_ranks_that_towns_neighbourhoods_against_its_total(
    client, reach_page, county, taking_part
):
    _north, south, _places = county

    response = client.get(reach_page.url, {"town": south.pk})

    assert rows(response) == [(1, "乙社区", 5), (2, "丁社区", 0)]
    assert response.context["ranking"]["county"]["residents"] == 5
    assert response.context["ranking"]["few"] == []


def test_the_campaign_filter_counts_only_that_campaign(
    client, reach_page, campaign_index, campaign, county
):
    _north, _south, places = county
    other = factories.CampaignPageFactory(parent=campaign_index)
    take_part(places["丁社区"], 7, other)
    take_part(places["甲社区"], 6, campaign)
    reach.roll_up()

    everything = rows(client.get(reach_page.url))
    one_campaign = rows(client.get(reach_page.url, {"campaign": campaign.pk}))

    assert everything[0] == (1, "丁社区", 7)
    assert one_campaign[0] == (1, "甲社区", 6)
    assert {name: residents for _rank, name, residents in one_campaign}["丁社区"] == 0


@pytest.mark.parametrize(
    "query",
    [
        {"town": "abc"},
        {"town": "-1"},
        {"campaign": "99999999999999999999999"},
        {"campaign": "1 OR 1=1"},
        {"town": "<script>"},
    ],
)
def test_bad_filters_are_left_out_with_a_400_and_a_message(client, reach_page, taking_part, query):
    response = client.get(reach_page.url, query)

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert rows(response)[0] == (1, "甲社区", 10)


def test_an_unpublished_campaign_cannot_be_chosen(client, reach_page, campaign, taking_part):
    campaign.unpublish()

    response = client.get(reach_page.url, {"campaign": campaign.pk})

    assert response.status_code == 400
    assert "文明交通" not in response.content.decode()


def test_a_repeated_view_reads_the_ranking_from_the_cache(
    client, reach_page, taking_part, django_assert_num_queries
):
    client.get(reach_page.url)

    # Wagtail finding the site and serving the page (6), the watermark, the menu, the towns, and
    # the public campaigns (their view restrictions, then the campaigns).
    with django_assert_num_queries(11):
        response = client.get(reach_page.url)
    assert rows(response)[0] == (1, "甲社区", 10)


def test_an_uncached_ranking_costs_the_same_queries_for_few_or_many_neighbourhoods(
    client, reach_page, taking_part
):
    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reach_page.url).status_code == 200
        return len(captured)

    queries()  # the first view of the site also creates its settings row
    few = queries()
    for place in factories.NeighbourhoodFactory.create_batch(30):
        take_part(place, 6, first=1000 + place.pk * 10)
    reach.roll_up()

    assert queries() == few


def test_a_new_rollup_refreshes_the_cached_ranking(client, reach_page, taking_part, county):
    client.get(reach_page.url)
    take_part(county[2]["丁社区"], 20, first=500)
    reach.roll_up()

    assert rows(client.get(reach_page.url))[0] == (1, "丁社区", 20)


def test_the_demo_adds_the_ranking_page_once(home_page):
    first = build_reach_page(home_page)
    again = build_reach_page(home_page)

    assert first.pk == again.pk and ReachPage.objects.count() == 1
    assert first.live and first.url == "/reach/" and first.title == "文明榜"


# The summary on a campaign page


def summary(response):
    return response.context["summary"]


def test_a_campaign_page_shows_residents_and_target_neighbourhoods_reached(
    client, reach_page, campaign, county
):
    _north, _south, places = county
    campaign.target_neighbourhoods = [places["甲社区"], places["丙社区"], places["丁社区"]]
    campaign.save_revision().publish()
    take_part(places["甲社区"], 6, campaign)
    take_part(places["戊社区"], 2, campaign, first=100)  # not a target, but counted county-wide
    record_participation(Kind.VISIT, neighbourhood=places["丁社区"], campaign=campaign)
    reach.roll_up()

    response = client.get(campaign.url)

    assert summary(response) | {"ranking_url": None} == {
        "residents": 8,
        "reached": 2,
        "places": 3,
        "ranking_url": None,
        "as_of": reach.watermark()[1],
    }
    html = response.content.decode()
    assert "已有 8 位居民参与，覆盖 3 个社区中的 2 个" in html
    assert f'href="/reach/?campaign={campaign.pk}"' in html


def test_a_campaign_without_targets_counts_every_neighbourhood(client, campaign, taking_part):
    response = client.get(campaign.url)

    assert summary(response)["reached"] == 4 and summary(response)["places"] == 5
    assert summary(response)["residents"] == 24


def test_a_campaign_with_fewer_than_five_residents_does_not_say_how_many(client, campaign, county):
    take_part(county[2]["甲社区"], 3, campaign)
    reach.roll_up()

    response = client.get(campaign.url)

    assert summary(response)["residents"] is None
    assert (
        "5" in re.search(r'class="reach-summary".*?</section>', response.content.decode(), re.S)[0]
    )


def test_the_campaign_summary_costs_one_query_once_cached(
    campaign, taking_part, django_assert_num_queries
):
    tag = Template("{% load reach_tags %}{% reach_summary campaign %}")
    tag.render(Context({"campaign": campaign}))

    with django_assert_num_queries(1):
        html = tag.render(Context({"campaign": campaign}))
    assert "24" in html
