"""The reach report shows rollup figures per neighbourhood, suppressed, to those allowed them."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import translation

from campaigns import factories, reach
from campaigns.models import CampaignPage, Participation
from campaigns.reach_charts import fewer_than
from campaigns.reach_report import ReachFilterSet
from campaigns.residents import participant_key
from campaigns.roles import ensure_committee_group, ensure_publicity_staff_group
from tests.spreadsheets import csv_rows, sheet_of, table_cells, table_rows, title_lines

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/reach/"
Kind = Participation.Kind
LOCAL = ZoneInfo(settings.TIME_ZONE)
DAY = datetime.date(2026, 3, 10)
SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}


def t(text):
    """Return text as the admin shows it, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(text)


def label(name):
    """Return a report filter's label as the admin shows it."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(ReachFilterSet.base_filters[name].label)


def act(kind, place, campaign, person, days=0, **fields):
    at = datetime.datetime.combine(
        DAY + datetime.timedelta(days=days), datetime.time(23, 30), LOCAL
    )
    return Participation(
        kind=kind,
        neighbourhood=place,
        campaign=campaign,
        participant=participant_key(f"1380000{person:04d}") if person is not None else "",
        occurred_at=at,
        **fields,
    )


@pytest.fixture
def county(campaign_index, volunteer_index):
    """Two towns: 青山 with a busy and a quiet place, 白水 with a place only 3 residents reached."""
    green, white = factories.TownFactory(name="青山镇"), factories.TownFactory(name="白水镇")
    busy = factories.NeighbourhoodFactory(name="繁忙社区", town=green, population=1000)
    quiet = factories.NeighbourhoodFactory(name="安静社区", town=green, population=4000)
    tiny = factories.NeighbourhoodFactory(name="小小社区", town=white, population=3000)
    first, second = factories.CampaignPageFactory.create_batch(2, parent=campaign_index)
    rows = [act(Kind.QUIZ, busy, first, n, days=n % 3, score=80) for n in range(30)]
    rows += [act(Kind.PLEDGE, busy, first, n) for n in range(12)]
    rows += [act(Kind.VISIT, busy, first, None, days=1) for _ in range(40)]
    rows += [act(Kind.QUIZ, quiet, second, 100 + n, days=5, score=60) for n in range(8)]
    rows += [act(Kind.PLEDGE, tiny, second, 200 + n, days=2) for n in range(3)]
    Participation.objects.bulk_create(rows)
    reach.roll_up()
    rooms = {
        place: factories.NeighbourhoodVolunteerPageFactory(
            parent=volunteer_index, neighbourhood=place
        )
        for place in (busy, quiet, tiny)
    }
    return {"busy": busy, "quiet": quiet, "tiny": tiny, "first": first, "second": second, **rooms}


def user_in(group, username):
    user = get_user_model().objects.create_user(username, password="pw")
    user.groups.add(group)
    return user


@pytest.fixture
def staff(client):
    client.force_login(user_in(ensure_publicity_staff_group(), "publicity"))
    return client


@pytest.fixture
def committee(client, county):
    """Log in the committee of 繁忙社区."""
    client.force_login(user_in(ensure_committee_group(county[county["busy"]]), "busy-committee"))
    return client


def rows_of(response):
    return {(row.town, row.neighbourhood): row for row in response.context["object_list"]}


def xlsx_cells(response):
    return table_cells(sheet_of(response))


def xlsx_rows(response):
    return table_rows(sheet_of(response))


def test_the_rows_show_the_figures_reach_report_counts(staff, county):
    expected = reach.report(reach.Scope())
    rows = rows_of(staff.get(REPORT))

    for place, figures in reach.suppress_table(expected.neighbourhoods):
        assert rows[(place.town.name, place.name)].figures == figures
    county_row = rows[(t("County"), t("County total"))]
    assert county_row.figures == reach.suppress(expected.county)
    assert county_row.participations == 30 + 12 + 40 + 8 + 3
    busy = rows[("青山镇", "繁忙社区")]
    assert (busy.residents, busy.per_thousand, busy.visits) == (30, 30, 40)


def test_a_campaign_filter_counts_only_that_campaign(staff, county):
    rows = rows_of(staff.get(REPORT, {"campaign": county["second"].pk}))

    assert rows[("青山镇", "繁忙社区")].participations == 0
    assert rows[("青山镇", "安静社区")].quiz_attempts == 8
    assert rows[(t("County"), t("County total"))].participations == 11


def test_a_date_range_includes_both_its_days(staff, county):
    rows = rows_of(staff.get(REPORT, {"dates_from": "2026-03-11", "dates_to": "2026-03-12"}))

    # Quizzes on days 1 and 2 (20 of 30), visits on day 1, the tiny place's pledges on day 2.
    assert rows[("青山镇", "繁忙社区")].quiz_attempts == 20
    assert rows[("青山镇", "繁忙社区")].visits == 40
    assert rows[("青山镇", "安静社区")].participations == 0


def test_a_town_filter_lists_its_neighbourhoods_its_total_and_the_county(staff, county):
    response = staff.get(REPORT, {"town": county["busy"].town.pk})
    rows = rows_of(response)

    assert set(rows) == {
        ("青山镇", "繁忙社区"),
        ("青山镇", "安静社区"),
        ("青山镇", t("Town total")),
        (t("County"), t("County total")),
    }
    assert rows[("青山镇", t("Town total"))].participations == 90
    assert rows[(t("County"), t("County total"))].participations == 93


def test_sorting_by_a_column_keeps_the_filters_and_puts_suppressed_cells_last(staff, county):
    def names(ordering):
        rows = staff.get(REPORT, {"ordering": ordering}).context["object_list"]
        return [row.neighbourhood for row in rows]

    assert names("quiz_attempts") == ["小小社区", "安静社区", "繁忙社区", t("County total")]
    assert names("-quiz_attempts")[:3] == ["繁忙社区", "安静社区", "小小社区"]
    # Only the busy place's participations are shown; the hidden ones keep county order.
    assert names("participations")[:3] == ["繁忙社区", "安静社区", "小小社区"]
    assert names("-participations")[:3] == ["繁忙社区", "安静社区", "小小社区"]
    page = staff.get(REPORT, {"campaign": county["first"].pk}).content.decode()
    assert f"campaign={county['first'].pk}&amp;ordering=visits" in page


def test_three_residents_show_as_fewer_than_five_everywhere(staff, county):
    html = staff.get(REPORT).content.decode()
    exported = {row[1]: row for row in csv_rows(staff.get(REPORT, {"export": "csv"}))}
    sheet = {row[1]: row for row in xlsx_rows(staff.get(REPORT, {"export": "xlsx"}))}
    hidden = fewer_than()

    tiny_row = html[html.index("小小社区") : html.index("</tr>", html.index("小小社区"))]
    assert hidden in tiny_row and ">3<" not in tiny_row
    for row in (exported["小小社区"], sheet["小小社区"]):
        # participations, reached residents, per 1,000, pledge signatures
        assert [row[3], row[4], row[5], row[8]] == [hidden] * 4
        assert 3 not in row and "3" not in row


def test_a_lone_hidden_cell_cannot_be_worked_out_from_the_county_total(staff, county):
    rows = rows_of(staff.get(REPORT))

    # County less the busy and quiet places would give the tiny place's 3, so quiet's 8 hides too.
    assert rows[("白水镇", "小小社区")].residents == fewer_than()
    assert rows[("青山镇", "安静社区")].residents == fewer_than()
    assert rows[("青山镇", "繁忙社区")].residents == 30
    assert rows[(t("County"), t("County total"))].residents == 41


def test_exports_carry_every_column_and_defuse_formulas(staff, county):
    county["quiet"].name = "=HYPERLINK(1)"
    county["quiet"].save()

    exported = csv_rows(staff.get(REPORT, {"export": "csv"}))
    cells = xlsx_cells(staff.get(REPORT, {"export": "xlsx"}))
    sheet = [[cell.value for cell in row] for row in cells]

    assert exported[0][:3] == [t("Town"), t("Neighbourhood"), t("Population")]
    assert len(exported[0]) == 13 and len(sheet[0]) == 13
    busy = next(row for row in exported if row[1] == "繁忙社区")
    assert busy[2:8] == ["1000", "82", "30", "30.0", "30", "80.0"]
    assert next(row for row in exported if row[1].endswith("HYPERLINK(1)"))[1] == "'=HYPERLINK(1)"
    formula = next(row[1] for row in cells if "HYPERLINK" in str(row[1].value))
    assert formula.value == "=HYPERLINK(1)" and formula.data_type == "s"  # text, not a formula
    assert next(row for row in sheet if row[1] == "繁忙社区")[4] == 30


def test_the_sheet_names_the_report_the_campaign_town_and_dates_it_covers(staff, county):
    chosen = {"campaign": county["first"].pk, "town": county["busy"].town.pk}
    dates = {"dates_from": "2026-03-11", "dates_to": "2026-03-12"}

    sheet = sheet_of(staff.get(REPORT, {"export": "xlsx", **chosen, **dates}))
    title, *scope, exported = title_lines(sheet)

    assert sheet.title == title == t("Reach")
    assert scope == [
        f"{label('campaign')}：{county['first'].title}",
        f"{label('dates')}：2026年3月11日 - 2026年3月12日",
        f"{label('town')}：青山镇",
    ]
    assert exported.startswith("导出时间：")
    assert table_rows(sheet)[0][:2] == [t("Town"), t("Neighbourhood")]


def test_a_committees_sheet_says_it_covers_its_own_neighbourhood(committee, county):
    sheet = sheet_of(committee.get(REPORT, {"export": "xlsx"}))

    assert title_lines(sheet)[1:-1] == [f"{t('Neighbourhood')}：繁忙社区"]


def test_anonymous_visitors_are_sent_to_log_in(client, county):
    response = client.get(REPORT)

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_users_without_the_permission_are_refused(client, county):
    user = get_user_model().objects.create_user("editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    for response in (client.get(REPORT), client.get(REPORT, {"export": "csv"})):
        assert response.status_code in (302, 403)
        assert "繁忙社区" not in response.content.decode()


def test_a_committee_sees_its_own_neighbourhood_and_the_county_only(committee, county):
    other_town = county["tiny"].town.pk
    pages = [
        committee.get(REPORT).content.decode(),
        committee.get(REPORT, {"town": other_town}).content.decode(),
        committee.get(REPORT, {"ordering": "-participations"}).content.decode(),
        committee.get("/admin/reports/reach/results/", {"town": other_town}).content.decode(),
        committee.get(REPORT, {"export": "csv"}).getvalue().decode(),
    ]
    sheet = xlsx_rows(committee.get(REPORT, {"export": "xlsx", "town": other_town}))
    rows = rows_of(committee.get(REPORT, {"town": other_town}))

    assert set(rows) == {("青山镇", "繁忙社区"), (t("County"), t("County total"))}
    assert rows[(t("County"), t("County total"))].participations == 93
    for page in pages:
        assert "繁忙社区" in page
        assert "安静社区" not in page and "小小社区" not in page
    assert [row[1] for row in sheet] == [t("Neighbourhood"), "繁忙社区", t("County total")]


def test_staff_see_every_neighbourhood_and_the_towns(staff, county):
    page = staff.get(REPORT).content.decode()

    for name in ("繁忙社区", "安静社区", "小小社区", "青山镇", "白水镇"):
        assert name in page


def test_the_report_draws_the_trend_map_funnel_and_cold_spots(staff, county):
    for place in ("busy", "quiet"):
        county[place].outline = SQUARE
        county[place].save()

    response = staff.get(REPORT)
    page = response.content.decode()

    assert 'class="reach-chart reach-trend"' in page and 'class="reach-chart reach-map"' in page
    assert page.count('class="reach-map__shape') == 2
    assert "小小社区" in page[page.index("reach-report__note") :]  # listed as without outline
    assert 'class="reach-chart reach-funnel"' in page
    cold = {place.name for place, _rate in response.context["cold_rows"]}
    assert cold == {"安静社区", "小小社区"}


def test_a_chosen_threshold_decides_the_cold_spots(staff, county):
    response = staff.get(REPORT, {"threshold": "35"})

    cold = {place.name for place, _rate in response.context["cold_rows"]}
    assert cold == {"繁忙社区", "安静社区", "小小社区"}


def test_the_committee_map_colours_only_its_own_neighbourhood(committee, county):
    for place in ("busy", "quiet", "tiny"):
        county[place].outline = SQUARE
        county[place].save()

    page = committee.get(REPORT).content.decode()

    assert page.count("reach-map__shape reach-map__other") == 2
    assert page.count("</title></path>") == 1


def test_a_campaign_edit_page_shows_its_reach_and_links_to_the_report(staff, county):
    campaign = county["first"]

    page = staff.get(f"/admin/pages/{campaign.pk}/edit/").content.decode()
    panel = page[page.index('class="reach-panel"') :]
    panel = panel[: panel.index("</fieldset>")]
    figures = dict(re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", panel))

    assert f'href="/admin/reports/reach/?campaign={campaign.pk}"' in panel
    assert figures[t("Participations")] == "82"
    assert figures[t("Reached residents")] == "30"
    assert figures[t("Reached per 1,000 residents")] == "3.8"  # 30 of 8,000 people
    assert figures[t("Neighbourhoods reached")] == t("%(reached)s of %(total)s") % {
        "reached": 1,
        "total": 3,
    }
    assert figures[t("Poster visits")] == "40"
    assert figures[t("Pledge signatures")] == "12"


def test_a_new_campaign_can_still_be_created_and_has_no_figures_yet(admin_client, campaign_index):
    url = f"/admin/pages/add/campaigns/campaignpage/{campaign_index.pk}/"

    form = admin_client.get(url)
    created = admin_client.post(
        url,
        {
            "title": "新活动",
            "slug": "xin-huodong",
            "theme": "文明交通",
            "start_date": "2026-04-01",
            "end_date": "2026-05-01",
            "body-count": 0,
        },
    )

    assert form.status_code == 200
    assert (
        t("No figures yet: reach is counted once the campaign is saved and residents take part.")
        in form.content.decode()
    )
    assert created.status_code == 302
    assert CampaignPage.objects.filter(slug="xin-huodong").exists()


def test_malformed_filters_are_left_out_rather_than_failing(staff, county):
    for query in (
        {"campaign": "nonsense"},
        {"dates_from": "yesterday", "dates_to": "2026-02-30"},
        {"threshold": "-3"},
        {"town": "999999"},
        {"ordering": "participant"},
    ):
        response = staff.get(REPORT, query)
        assert response.status_code == 200
        assert rows_of(response)[(t("County"), t("County total"))].participations == 93


def test_a_county_nobody_has_reached_yet_still_draws(staff, home_page):
    factories.NeighbourhoodFactory(name="新社区", outline=SQUARE)

    response = staff.get(REPORT)

    assert response.status_code == 200
    assert t("No participation in this period.") in response.content.decode()
    assert "reach-map__band-0" in str(response.context["reach_map"])
