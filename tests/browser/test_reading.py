"""A resident reads campaigns, articles and regulations on a phone."""

import pytest
from playwright.sync_api import expect

from campaigns import factories

pytestmark = pytest.mark.browser


def test_resident_goes_from_home_to_a_campaign_and_one_of_its_articles(phone, campaign, article):
    phone.goto("/")
    phone.get_by_role("link", name=campaign.title).click()

    expect(phone.get_by_role("heading", level=1)).to_have_text(campaign.title)
    expect(phone.get_by_text(campaign.slogan)).to_be_visible()

    phone.get_by_role("region", name="活动文章").get_by_role("link", name=article.title).click()

    expect(phone.get_by_role("heading", level=1)).to_have_text(article.title)
    expect(phone.get_by_role("link", name=campaign.title)).to_be_visible()


def test_resident_reaches_article_twelve_by_its_anchor(phone, regulation_index):
    regulation = factories.RegulationPageFactory(parent=regulation_index)

    phone.goto(f"{regulation.url}#article-12")

    article_twelve = phone.locator("#article-12")
    expect(article_twelve).to_be_in_viewport()
    expect(article_twelve).to_contain_text("第十二条")
    expect(article_twelve).to_contain_text("第12条的规定内容。")
