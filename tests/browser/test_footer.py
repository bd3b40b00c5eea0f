"""A resident tells the site where they live and which language they read."""

import pytest
from playwright.sync_api import expect

from campaigns import factories

pytestmark = pytest.mark.browser


def test_chosen_neighbourhood_is_remembered_on_other_pages(phone, regulation_index):
    town = factories.TownFactory(name="莲塘镇", slug="liantang")
    factories.NeighbourhoodFactory(name="澄湖社区", town=town)
    factories.NeighbourhoodFactory(name="向阳社区", town=town)

    phone.goto("/")
    footer = phone.get_by_role("contentinfo")
    footer.get_by_label("我的社区").select_option(label="向阳社区")
    footer.get_by_role("button", name="保存").click()
    phone.wait_for_url("/#my-neighbourhood")
    expect(footer.get_by_label("我的社区")).to_be_in_viewport()
    phone.goto(regulation_index.url)

    chosen = phone.get_by_role("contentinfo").get_by_label("我的社区").locator("option:checked")
    expect(chosen).to_have_text("向阳社区")


def test_resident_switches_to_english_and_back(phone, home_page):
    phone.goto("/")
    footer = phone.get_by_role("contentinfo")
    footer.get_by_label("语言").select_option("en")
    footer.get_by_role("button", name="切换").click()

    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.get_by_role("heading", name="Campaigns under way")).to_be_visible()
    expect(footer.get_by_label("My neighbourhood")).to_be_visible()

    footer.get_by_label("Language").select_option("zh-hans")
    footer.get_by_role("button", name="Switch").click()

    expect(phone.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(phone.get_by_role("heading", name="正在进行的活动")).to_be_visible()


def test_resident_who_switches_to_english_on_a_phone_reads_an_english_menu(
    phone, regulation_index, news_index
):
    phone.goto("/")
    footer = phone.get_by_role("contentinfo")
    footer.get_by_label("语言").select_option("en")
    footer.get_by_role("button", name="切换").click()

    menu = phone.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("link", name="Regulations")).to_be_visible()
    expect(menu.get_by_role("link", name="News")).to_be_visible()
    expect(menu.get_by_role("link", name="政策法规")).to_have_count(0)
    expect(phone.locator("main .hero")).to_have_attribute("lang", "zh-Hans")
