"""Campaign QR posters: who may print them, and how a scan is counted for the neighbourhood."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from campaigns import factories, poster_views, posters, reach
from campaigns.models import Participation
from campaigns.residents import NEIGHBOURHOOD_COOKIE, remember_neighbourhood
from campaigns.roles import ensure_committee_group, ensure_publicity_staff_group

pytestmark = pytest.mark.django_db
POSTERS = "/admin/reach/posters/"


@pytest.fixture
def rooms(volunteer_index):
    return [factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index) for _ in range(2)]


@pytest.fixture
def places(rooms):
    return [room.neighbourhood for room in rooms]


@pytest.fixture
def campaign(campaign_index, places):
    campaign = factories.CampaignPageFactory(
        parent=campaign_index, title="垃圾分类进社区", theme="垃圾分类", slogan="分类投放 人人有责"
    )
    campaign.target_neighbourhoods = places
    campaign.save_revision().publish()
    return campaign


def user_in(group, username):
    user = get_user_model().objects.create_user(username, password="pw")
    user.groups.add(group)
    return user


@pytest.fixture
def committee_a(client, rooms):
    client.force_login(user_in(ensure_committee_group(rooms[0]), "committee-a"))
    return client


@pytest.fixture
def staff(client, home_page):
    client.force_login(user_in(ensure_publicity_staff_group(), "publicity"))
    return client


def visit_path(campaign, place):
    return reverse("poster_visit", args=[posters.make_token(campaign.pk, place.pk)])


def visits():
    return Participation.objects.filter(kind=Participation.Kind.VISIT)


# Printing


def test_a_poster_sheet_shows_the_campaign_the_neighbourhood_and_a_qr_code(staff, campaign, places):
    response = staff.get(reverse("reach_poster", args=[campaign.pk, places[0].pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") == 1
    assert "垃圾分类进社区" in html and "分类投放 人人有责" in html and "垃圾分类" in html
    assert places[0].name in html and places[0].town.name in html
    assert "campaigns/poster.css" in html
    assert "http://127.0.0.1:8000" + visit_path(campaign, places[0]) in html
    assert "w-sidebar" not in html  # no admin chrome on the printed page


def test_posters_for_several_neighbourhoods_print_one_per_page(staff, campaign, places):
    query = f"?campaign={campaign.pk}&neighbourhood={places[0].pk}&neighbourhood={places[1].pk}"

    html = staff.get(POSTERS + query).content.decode()

    assert html.count('class="poster"') == 2 and html.count("<svg") == 2
    assert all(visit_path(campaign, place) in html for place in places)


def test_the_poster_stylesheet_prints_each_poster_on_its_own_a4_page():
    with open(finders.find("campaigns/poster.css"), encoding="utf-8") as stylesheet:
        text = stylesheet.read()

    assert "size: A4" in text and "break-after: page" in text and "@media print" in text


def test_the_chooser_lists_the_campaigns_then_its_neighbourhoods_by_town(staff, campaign, places):
    factories.NeighbourhoodFactory(name="不在目标社区")

    campaigns = staff.get(POSTERS).content.decode()
    neighbourhoods = staff.get(f"{POSTERS}?campaign={campaign.pk}").content.decode()

    assert "垃圾分类进社区" in campaigns and 'name="campaign"' in campaigns
    assert neighbourhoods.count('type="checkbox" name="neighbourhood"') == 2
    assert places[0].town.name in neighbourhoods and "不在目标社区" not in neighbourhoods


def test_the_chooser_says_which_campaigns_are_published_scheduled_or_drafts(
    staff, campaign, campaign_index
):
    draft = factories.CampaignPageFactory(parent=campaign_index, title="草拟中的活动", live=False)
    later = factories.CampaignPageFactory(parent=campaign_index, title="下月开始的活动", live=False)
    later.go_live_at = timezone.now() + datetime.timedelta(days=30)
    later.save_revision().publish()

    options = dict(re.findall(r'<option value="(\d+)">([^<]*)</option>', staff.get(POSTERS).text))

    assert options[str(campaign.pk)] == "垃圾分类进社区 (已发布)"
    assert options[str(later.pk)] == "下月开始的活动 (已计划)"
    assert options[str(draft.pk)] == "草拟中的活动 (草稿)"


def test_a_committee_prints_posters_for_its_own_neighbourhood_only(committee_a, campaign, places):
    own = committee_a.get(reverse("reach_poster", args=[campaign.pk, places[0].pk]))
    other = committee_a.get(reverse("reach_poster", args=[campaign.pk, places[1].pk]))
    mixed = committee_a.get(
        f"{POSTERS}?campaign={campaign.pk}&neighbourhood={places[0].pk}&neighbourhood={places[1].pk}"
    )
    chooser = committee_a.get(f"{POSTERS}?campaign={campaign.pk}").content.decode()

    assert own.status_code == 200
    assert other.status_code == 403 and mixed.status_code == 403
    assert places[0].name in chooser and places[1].name not in chooser


def test_anonymous_visitors_are_sent_to_log_in(client, campaign, places):
    response = client.get(reverse("reach_poster", args=[campaign.pk, places[0].pk]))

    assert response.status_code == 302 and "/admin/login/" in response.url


def test_an_admin_user_without_reach_permission_is_refused(client, campaign, places):
    editors = Group.objects.create(name="编辑")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user_in(editors, "editor"))

    assert client.get(POSTERS).status_code == 403
    assert client.get(reverse("reach_poster", args=[campaign.pk, places[0].pk])).status_code == 403


def test_malformed_choices_get_a_404(staff, campaign, places):
    huge = "9" * 30
    assert staff.get(f"{POSTERS}?campaign={campaign.pk}&neighbourhood=abc").status_code == 404
    assert staff.get(f"{POSTERS}?campaign={campaign.pk}&neighbourhood={huge}").status_code == 404
    assert staff.get(f"{POSTERS}?campaign=999999").status_code == 404
    assert staff.get(f"{POSTERS}?campaign={huge}").status_code == 404
    assert staff.get(f"{POSTERS}?campaign=").status_code == 404
    assert staff.get(reverse("reach_poster", args=[huge, places[0].pk])).status_code == 404


def test_the_reports_menu_and_the_campaign_header_link_to_the_posters(staff, campaign):
    menu = staff.get("/admin/").content.decode()
    edit = staff.get(f"/admin/pages/{campaign.pk}/edit/").content.decode()

    assert POSTERS in menu
    assert f"{POSTERS}?campaign={campaign.pk}" in edit


# Tokens


def test_a_token_names_its_campaign_and_neighbourhood_and_cannot_be_forged():
    token = posters.make_token(12, 345)
    ids, signature = token.rsplit(".", 1)
    forged = f"{ids}.{'A' * len(signature)}"
    swapped = f"{posters.make_token(345, 12).rsplit('.', 1)[0]}.{signature}"

    assert posters.read_token(token) == (12, 345)
    assert posters.read_token(forged) is None and posters.read_token(swapped) is None
    assert posters.read_token("-1.-1." + signature) is None
    assert len(token) <= 24


# Scanning


def test_a_scan_counts_one_visit_for_the_neighbourhood_and_opens_the_campaigns_actions(
    client, campaign, places
):
    response = client.get(visit_path(campaign, places[1]))

    assert response.status_code == 302 and response.url == f"{campaign.url}#take-part"
    row = visits().get()
    assert (row.campaign, row.neighbourhood, row.participant) == (campaign, places[1], "")
    assert "sessionid" not in response.cookies
    assert posters.VISITED_COOKIE in response.cookies
    assert not response.cookies[posters.VISITED_COOKIE]["max-age"]


def test_a_second_scan_in_the_same_session_is_not_counted_again(client, campaign, places):
    client.get(visit_path(campaign, places[0]))
    again = client.get(visit_path(campaign, places[1]))

    assert again.status_code == 302
    assert visits().count() == 1


def test_another_campaign_or_a_new_browser_session_is_counted(
    client, campaign_index, campaign, places
):
    other = factories.CampaignPageFactory(parent=campaign_index)
    client.get(visit_path(campaign, places[0]))

    client.get(visit_path(other, places[0]))
    Client().get(visit_path(campaign, places[0]))

    assert visits().filter(campaign=campaign).count() == 2
    assert visits().filter(campaign=other).count() == 1


def test_a_forged_token_gets_a_friendly_404_and_counts_nothing(client, campaign, places):
    token = posters.make_token(campaign.pk, places[0].pk)
    tampered = token[:-1] + ("B" if token[-1] != "B" else "C")

    response = client.get(reverse("poster_visit", args=[tampered]))

    assert response.status_code == 404
    assert "home/message.html" in [template.name for template in response.templates]
    assert not visits().exists()


@pytest.mark.parametrize("hidden", ["unpublished", "private"])
def test_a_campaign_not_open_to_the_public_gets_a_404_and_counts_nothing(
    client, campaign, places, hidden
):
    if hidden == "unpublished":
        campaign.unpublish()
    else:
        PageViewRestriction.objects.create(page=campaign, restriction_type="login")

    response = client.get(visit_path(campaign, places[0]))

    assert response.status_code == 404
    assert not visits().exists()


def test_over_the_rate_limit_a_scan_still_opens_the_campaign_but_is_not_counted(
    campaign, places, monkeypatch
):
    monkeypatch.setattr(poster_views, "LIMIT_PER_ADDRESS", (2, 60))

    responses = [Client().get(visit_path(campaign, places[0])) for _ in range(3)]

    assert [r.status_code for r in responses] == [302, 302, 302]
    assert all(r.url == f"{campaign.url}#take-part" for r in responses)
    assert visits().count() == 2


def test_head_requests_and_link_previews_count_nothing(client, campaign, places):
    head = client.head(visit_path(campaign, places[0]))
    robot = client.get(visit_path(campaign, places[0]), HTTP_USER_AGENT="Googlebot/2.1")

    assert head.status_code == 302 and robot.status_code == 302
    assert not visits().exists()
    assert client.post(visit_path(campaign, places[0])).status_code == 405


def test_a_scan_remembers_the_neighbourhood_only_for_a_resident_without_one(
    client, campaign, places
):
    first = client.get(visit_path(campaign, places[0]))
    assert first.cookies[NEIGHBOURHOOD_COOKIE].value

    resident = Client()
    chosen = resident.get("/")
    remember_neighbourhood(chosen, places[1])
    resident.cookies[NEIGHBOURHOOD_COOKIE] = chosen.cookies[NEIGHBOURHOOD_COOKIE].value
    later = resident.get(visit_path(campaign, places[0]))

    assert NEIGHBOURHOOD_COOKIE not in later.cookies


def test_after_the_rollup_the_reach_report_counts_the_visit(client, campaign, places):
    client.get(visit_path(campaign, places[1]))
    reach.roll_up()

    report = reach.report(reach.Scope(campaign=campaign.pk))

    by_place = {place: row.visits for place, row in report.neighbourhoods}
    assert by_place == {places[0]: 0, places[1]: 1}
    assert report.county.visits == 1
