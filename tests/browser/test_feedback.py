"""After posting on a phone, with or without JavaScript, the answer is on the first screen."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from campaigns import factories
from tests.browser.conftest import PHONE, watch_policy

pytestmark = pytest.mark.browser


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def tab(request, browser, live_server):
    """Return a phone-sized tab with JavaScript on or off, which the CSP must block nothing in."""
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=request.param
    )
    page = context.new_page()
    page.scripts_run = request.param
    blocked = watch_policy(page)
    yield page
    context.close()
    assert blocked == [], blocked


@pytest.fixture
def pledge(campaign):
    return factories.PledgePageFactory(parent=campaign, title="垃圾分类家庭文明公约", goal=10)


@pytest.fixture
def event(neighbourhood_pages):
    start = timezone.now() + datetime.timedelta(days=2)
    return factories.VolunteerEventPageFactory(
        parent=neighbourhood_pages[0],
        title="澄湖社区楼道清理",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=5,
    )


def assert_first_on_screen(tab, selector):
    """The element is on the first screen after the post, and focused where scripts run."""
    box = tab.locator(selector).bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"], box
    if tab.scripts_run:
        expect(tab.locator(selector)).to_be_focused()


def fill_resident(tab, phone="138 1234 5678"):
    tab.locator("#id_name").fill("张三明")
    tab.locator("#id_neighbourhood").select_option(label="澄湖社区")
    tab.locator("#id_phone").fill(phone)


def test_a_signature_shows_its_thank_you_first(tab, pledge, neighbourhood_pages):
    tab.goto(pledge.url)
    fill_resident(tab)
    tab.locator("#id_consent").check()
    tab.get_by_role("button", name="签名").click()

    expect(tab.locator("#thanks")).to_contain_text("感谢")
    assert_first_on_screen(tab, "#thanks")


def test_a_mistaken_signature_shows_the_error_summary_first(tab, pledge, neighbourhood_pages):
    tab.goto(pledge.url)
    fill_resident(tab, phone="12345")
    tab.get_by_role("button", name="签名").click()

    summary = tab.locator("#error-summary")
    expect(summary).to_contain_text("提交未成功，请修改以下问题")
    assert_first_on_screen(tab, "#error-summary")
    summary.get_by_role("link").last.click()
    expect(tab.locator("#id_consent")).to_be_focused()
    expect(tab.locator("#id_consent_error")).to_be_in_viewport()


def test_the_consent_error_has_its_own_line_above_the_box(tab, pledge, neighbourhood_pages):
    tab.goto(pledge.url)
    fill_resident(tab)
    tab.get_by_role("button", name="签名").click()

    error = tab.locator("#id_consent_error").bounding_box()
    box = tab.locator("#id_consent").bounding_box()
    assert error["y"] + error["height"] <= box["y"]
    assert error["width"] > PHONE["width"] / 2


def test_a_sign_up_shows_its_thank_you_first_and_not_the_form(tab, event):
    tab.goto(event.url)
    fill_resident(tab)
    tab.locator("#id_consent").check()
    tab.get_by_role("button", name="报名").last.click()

    expect(tab.locator("#thanks")).to_be_visible()
    assert_first_on_screen(tab, "#thanks")
    expect(tab.locator("#id_name")).to_have_count(0)
    tab.locator("#thanks").get_by_role("link").click()
    expect(tab.locator("#id_name")).to_be_visible()


def test_a_mistaken_sign_up_shows_the_error_summary_first(tab, event):
    tab.goto(event.url)
    tab.get_by_role("button", name="报名").last.click()

    expect(tab.locator("#error-summary")).to_be_visible()
    assert_first_on_screen(tab, "#error-summary")
