"""Every page with reach figures says when they were last counted, and each roll-up renews that."""

import datetime

import pytest
from django.utils import timezone

from campaigns import factories, reach
from campaigns.demo.pages import build_reach_page
from campaigns.models import Participation, ReachWatermark, record_participation

pytestmark = pytest.mark.django_db


def counted_at():
    return ReachWatermark.objects.get(name=reach.WATERMARK).updated_at


def test_a_roll_up_with_nothing_new_still_renews_the_time_figures_are_as_of():
    record_participation(Participation.Kind.VISIT, neighbourhood=factories.NeighbourhoodFactory())
    reach.roll_up()
    first = counted_at()
    ReachWatermark.objects.update(updated_at=first - datetime.timedelta(hours=1))

    assert reach.roll_up() == 0
    assert counted_at() >= first


def test_the_ranking_and_the_campaign_page_say_when_figures_were_counted(
    client, home_page, campaign_index
):
    ranking_page = build_reach_page(home_page)
    campaign = factories.CampaignPageFactory(parent=campaign_index)
    reach.roll_up()
    local = timezone.localtime(counted_at())
    shown = f"数据截至{local.year}年{local.month}月{local.day}日"

    assert shown in client.get(ranking_page.url).content.decode()
    assert shown in client.get(campaign.url).content.decode()


def test_figures_never_counted_say_so(client, home_page):
    ranking_page = build_reach_page(home_page)

    assert "数据尚未统计" in client.get(ranking_page.url).content.decode()


def test_the_reach_report_says_when_figures_were_counted(client, admin_user):
    reach.roll_up()
    client.force_login(admin_user)

    html = client.get("/admin/reports/reach/").content.decode()

    assert "数据截至" in html
