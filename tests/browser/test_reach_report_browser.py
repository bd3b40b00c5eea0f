"""Publicity staff log in on a desktop and open the reach report: trend and map are drawn."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from campaigns import factories, reach
from campaigns.models import Participation
from campaigns.residents import participant_key
from campaigns.roles import ensure_publicity_staff_group
from tests.browser.conftest import serious

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PASSWORD = "reach-report-2026"


def tile(west):
    ring = [[west, 28.5], [west + 0.05, 28.5], [west + 0.05, 28.55], [west, 28.55], [west, 28.5]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def desktop(browser, live_server):
    """Return a new tab, as wide as an office laptop, with its own cookies, on the live server."""
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    yield context.new_page()
    context.close()


@pytest.fixture
def reached(campaign_index):
    """Two outlined neighbourhoods, one reached over a week of quizzes and poster visits."""
    town = factories.TownFactory(name="莲塘镇")
    busy, cold = (
        factories.NeighbourhoodFactory(name=name, town=town, outline=tile(115.9 + n * 0.05))
        for n, name in enumerate(("澄湖社区", "向阳社区"))
    )
    campaign = factories.CampaignPageFactory(parent=campaign_index, title="垃圾分类进社区")
    today = timezone.now()
    rows = [
        Participation(
            kind=kind,
            neighbourhood=busy,
            campaign=campaign,
            participant=participant_key(f"1380000{n:04d}") if kind == "quiz" else "",
            score=80 if kind == "quiz" else None,
            occurred_at=today - datetime.timedelta(days=n % 7),
        )
        for n in range(40)
        for kind in ("quiz", "visit")
    ]
    Participation.objects.bulk_create(rows)
    reach.roll_up()
    return busy, cold


def log_in(page, username):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def test_staff_see_the_trend_and_the_map_in_the_reach_report(desktop, reached):
    staff = get_user_model().objects.create_user("publicity", password=PASSWORD)
    staff.groups.add(ensure_publicity_staff_group())

    log_in(desktop, "publicity")
    desktop.goto("/admin/reports/reach/")

    expect(desktop.locator("svg.reach-trend")).to_be_visible()
    expect(desktop.locator("svg.reach-trend g[data-kind]")).to_have_count(5)
    expect(desktop.locator("svg.reach-map")).to_be_visible()
    expect(desktop.locator("svg.reach-map path.reach-map__shape")).to_have_count(2)
    expect(desktop.locator("svg.reach-map path.reach-map__band-0")).to_have_count(1)
    expect(desktop.locator(".reach-report__cold-list")).to_contain_text("向阳社区")
    assert serious(desktop) == []
