"""On a phone, 文明榜 reads without sideways scrolling, and a poster scan opens its campaign."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from campaigns import factories, posters, reach
from campaigns.demo.pages import build_reach_page
from campaigns.models import Participation, record_participation
from campaigns.residents import participant_key
from tests.browser.conftest import serious

pytestmark = pytest.mark.browser


@pytest.fixture
def places():
    town = factories.TownFactory(name="莲塘镇")
    names = ["澄湖社区", "向阳社区", "莲塘镇中心社区居民委员会", "小社区"]
    return [factories.NeighbourhoodFactory(name=name, town=town) for name in names]


@pytest.fixture
def ranking_page(home_page, campaign, campaign_index, places):
    factories.CampaignPageFactory(
        parent=campaign_index, title="创建全国文明城市·垃圾分类与文明交通进社区进家庭主题宣传月"
    )
    for place, residents in zip(places, [12, 7, 5, 2], strict=True):
        for number in range(residents):
            key = participant_key(f"1390{place.pk % 1000:03d}{number:04d}")
            record_participation(
                Participation.Kind.QUIZ, neighbourhood=place, campaign=campaign, participant=key
            )
    reach.roll_up()
    return build_reach_page(home_page)


def test_the_ranking_fits_a_phone_and_filters_by_campaign(phone, ranking_page, campaign):
    phone.goto(ranking_page.url)

    expect(phone.locator("table.ranking tbody tr")).to_have_count(4)
    expect(phone.locator("tr.unranked th", has_text="小社区")).to_have_count(1)
    assert serious(phone) == []
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 360

    phone.locator("#id_campaign").select_option(label=campaign.title)
    phone.locator("form.reach-filters button[type=submit]").click()

    expect(phone).to_have_url(re.compile(rf"campaign={campaign.pk}"))
    expect(phone.locator("table.ranking tbody tr").first.locator("th")).to_have_text("澄湖社区")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 360


def test_scanning_a_poster_opens_the_campaigns_ways_to_take_part(phone, campaign, places):
    token = posters.make_token(campaign.pk, places[0].pk)

    phone.goto(reverse("poster_visit", args=[token]))

    expect(phone).to_have_url(re.compile(re.escape(campaign.url) + "#take-part$"))
    expect(phone.locator("h1")).to_have_text(campaign.title)
    assert Participation.objects.filter(kind=Participation.Kind.VISIT).count() == 1
    assert serious(phone) == []
