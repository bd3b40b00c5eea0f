"""The reach API answers key holders with the suppressed report, and nobody else."""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from campaigns import api, api_keys, factories, reach
from campaigns.models import ApiToken, Neighbourhood, Participation, record_participation
from campaigns.residents import participant_key
from campaigns.roles import ensure_publicity_staff_group

pytestmark = pytest.mark.django_db

Kind = Participation.Kind
LOCAL = ZoneInfo(settings.TIME_ZONE)
FIRST_DAY = datetime.date(2026, 3, 2)
REACH = "/api/v1/reach/"
TOKENS = "/admin/snippets/campaigns/apitoken/"


@pytest.fixture
def key():
    return api_keys.issue("城市管理平台")[1]


@pytest.fixture
def county(campaign_index):
    """Two towns; a busy neighbourhood, one with three residents, one with only poster visits."""
    towns = factories.TownFactory.create_batch(2)
    busy = factories.NeighbourhoodFactory(town=towns[0])
    small = factories.NeighbourhoodFactory(town=towns[0], population=2500)
    posters = factories.NeighbourhoodFactory(town=towns[1])
    campaigns = factories.CampaignPageFactory.create_batch(2, parent=campaign_index)
    for n in range(6):
        person = participant_key(f"1390000{n:04d}")
        act(Kind.QUIZ, busy, campaigns[0], person, FIRST_DAY, score=60 + n * 5)
        act(Kind.PLEDGE, busy, campaigns[0], person, FIRST_DAY)
        if n < 2:
            act(Kind.VOLUNTEER_ATTENDANCE, busy, campaigns[1], person, FIRST_DAY, weight="2.5")
    for n in range(3):
        person = participant_key(f"1380000{n:04d}")
        act(Kind.QUIZ, small, campaigns[1], person, FIRST_DAY + datetime.timedelta(days=9))
    for _n in range(4):
        act(Kind.VISIT, posters, campaigns[0], "", FIRST_DAY + datetime.timedelta(days=3))
    # Hidden with the small one, so the town's total cannot give the small one away.
    other = factories.NeighbourhoodFactory(town=towns[0], name="测试社区新")
    for n in range(5):
        person = participant_key(f"1370000{n:04d}")
        act(Kind.QUIZ, other, campaigns[1], person, FIRST_DAY + datetime.timedelta(days=9))
    reach.roll_up()
    return towns, (busy, small, posters), campaigns


def act(kind, place, campaign, person, day, score=None, weight=1):
    at = datetime.datetime.combine(day, datetime.time(10), LOCAL)
    record_participation(
        kind,
        neighbourhood=place,
        campaign=campaign,
        participant=person,
        score=score,
        weight=weight,
        at=at,
    )


def get(client, path, key, **params):
    return client.get(path, params, HTTP_AUTHORIZATION=f"Bearer {key}")


def number(value):
    return None if value is None else float(value)


def expected(row):
    """The figures the API promises for one report row, as reach.suppress shows it."""
    shown = reach.suppress(row)
    return {
        "population": shown.population,
        "participations": shown.participations,
        "residents": shown.residents,
        "per_thousand": number(shown.per_thousand),
        "quiz_attempts": shown.quiz_attempts,
        "average_score": number(shown.average_score),
        "pledges": shown.pledges,
        "volunteer_attendees": shown.attendees,
        "volunteer_hours": number(shown.hours),
        "poster_visits": shown.visits,
    }


def figures(data):
    return {name: data[name] for name in expected(reach.Reach())}


# Keys


def test_a_request_without_a_key_is_refused_with_a_bearer_challenge(client, county):
    response = client.get(REACH)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response["Content-Type"] == "application/json"
    assert "Authorization: Bearer" in response.json()["error"]


@pytest.mark.parametrize(
    "header", ["Bearer not-a-key", "Basic dXNlcjpwdw==", "Bearer", "Bearer " + "x" * 5000]
)
def test_a_wrong_key_is_refused(client, county, key, header):
    response = client.get(REACH, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response.json()["error"]


def test_a_revoked_key_is_refused(client, county, key):
    api_keys.revoke("城市管理平台")

    assert get(client, REACH, key).status_code == 401


def test_a_live_key_reads_the_api_privately(client, county, key):
    response = get(client, REACH, key)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert ApiToken.objects.get().last_used_at is not None


def test_last_use_is_written_at_most_once_a_minute(client, county, key):
    recently = timezone.now() - datetime.timedelta(seconds=30)
    ApiToken.objects.update(last_used_at=recently)
    get(client, REACH, key)
    assert ApiToken.objects.get().last_used_at == recently

    ApiToken.objects.update(last_used_at=recently - datetime.timedelta(minutes=1))
    get(client, REACH, key)
    assert ApiToken.objects.get().last_used_at > recently


def test_a_key_is_limited_to_its_rate(client, county, key, monkeypatch):
    monkeypatch.setattr(api, "RATE_LIMIT", 3)

    statuses = [get(client, "/api/v1/campaigns/", key).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = get(client, REACH, key)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response.json()["error"]


# Figures


def test_reach_figures_equal_the_suppressed_report_for_every_filter(client, county, key):
    towns, places, campaigns = county
    scopes = [
        reach.Scope(),
        reach.Scope(campaign=campaigns[0].pk),
        reach.Scope(start=FIRST_DAY, end=FIRST_DAY + datetime.timedelta(days=5)),
        reach.Scope(town=towns[0].pk, campaign=campaigns[1].pk),
        reach.Scope(start=FIRST_DAY + datetime.timedelta(days=9)),
    ]
    for scope in scopes:
        params = {
            name: value.isoformat() if isinstance(value, datetime.date) else value
            for name, value in vars(scope).items()
            if value
        }
        data = get(client, REACH, key, **params).json()
        report = reach.report(scope)

        assert data["scope"] == {
            name: params.get(name) for name in ("campaign", "start", "end", "town")
        }
        rows = [(row["id"], figures(row)) for row in data["neighbourhoods"]]
        table = reach.suppress_table(report.neighbourhoods)
        assert rows == [(place.pk, expected(row)) for place, row in table], scope
        rows = [(row["id"], figures(row)) for row in data["towns"]]
        table = reach.suppress_table(report.towns)
        assert rows == [(town.pk, expected(row)) for town, row in table], scope
        assert figures(data["county"]) == expected(report.county), scope


def test_reach_rows_name_their_town_and_say_when_the_figures_were_rolled_up(client, county, key):
    towns, (busy, _small, _posters), _campaigns = county

    data = get(client, REACH, key).json()

    row = data["neighbourhoods"][0]
    assert (row["id"], row["name"], row["town"]) == (
        busy.pk,
        busy.name,
        {"id": towns[0].pk, "name": towns[0].name},
    )
    assert (row["participations"], row["residents"], row["per_thousand"]) == (14, 6, 1.0)
    assert (row["quiz_attempts"], row["average_score"], row["pledges"]) == (6, 72.5, 6)
    assert datetime.datetime.fromisoformat(data["rolled_up_to"]) <= timezone.now()


def test_figures_that_would_single_out_a_few_residents_are_null_and_listed(client, county, key):
    _towns, (busy, small, posters), _campaigns = county

    rows = {row["id"]: row for row in get(client, REACH, key).json()["neighbourhoods"]}

    assert rows[small.pk]["residents"] is None
    assert rows[small.pk]["per_thousand"] is None
    assert rows[small.pk]["quiz_attempts"] is None
    assert rows[small.pk]["population"] == 2500
    assert set(rows[small.pk]["suppressed"]) == {
        "participations",
        "residents",
        "per_thousand",
        "quiz_attempts",
        "average_score",
    }
    # Two volunteers are too few to show; the six quiz takers are not.
    assert rows[busy.pk]["volunteer_attendees"] is None
    assert rows[busy.pk]["volunteer_hours"] is None
    assert rows[busy.pk]["suppressed"] == ["volunteer_attendees", "volunteer_hours"]
    assert rows[posters.pk]["poster_visits"] == 4
    assert rows[posters.pk]["suppressed"] == []


def test_a_second_row_is_hidden_so_the_town_total_cannot_give_the_small_one_away(
    client, county, key
):
    towns, (_busy, small, _posters), _campaigns = county

    data = get(client, REACH, key).json()

    rows = [row for row in data["neighbourhoods"] if row["town"]["id"] == towns[0].pk]
    hidden = [row["name"] for row in rows if row["residents"] is None]
    assert small.name in hidden and "测试社区新" in hidden


# Parameters


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("campaign=abc", "campaign"),
        ("campaign=0", "campaign"),
        ("campaign=-3", "campaign"),
        ("campaign=1.5", "campaign"),
        ("campaign=%D9%A3", "campaign"),
        ("campaign=99999999999", "campaign"),
        ("campaign=2147483647", "campaign"),
        ("campaign=%00", "campaign"),
        ("town=2147483647", "town"),
        ("town=1%0A", "town"),
        ("start=2026-02-30", "start"),
        ("start=20260301", "start"),
        ("start=2026-W10-1", "start"),
        ("end=yesterday", "end"),
        ("start=2026-03-10&end=2026-03-01", "start"),
        ("start=2020-01-01&end=2026-01-01", "end"),
    ],
)
def test_a_bad_parameter_gets_a_400_naming_it(client, county, key, query, parameter):
    response = client.get(f"{REACH}?{query}", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 400
    assert response.json()["parameter"] == parameter
    assert parameter in response.json()["error"]


def test_an_unpublished_campaign_is_not_reported(client, county, key):
    _towns, _places, campaigns = county
    campaigns[0].unpublish()

    response = get(client, REACH, key, campaign=campaigns[0].pk)

    assert response.status_code == 400
    assert response.json()["parameter"] == "campaign"


def test_blank_and_unknown_parameters_are_ignored(client, county, key):
    response = client.get(
        f"{REACH}?campaign=&start=&colour=red", HTTP_AUTHORIZATION=f"Bearer {key}"
    )

    assert response.status_code == 200
    assert response.json()["scope"] == {"campaign": None, "start": None, "end": None, "town": None}


def test_a_three_year_range_is_accepted(client, county, key):
    response = get(client, REACH, key, start="2024-01-01", end="2026-12-31")

    assert response.status_code == 200


# Methods and addresses


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_only_get_and_head_are_allowed(client, county, key, method):
    response = getattr(client, method)(REACH, HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["error"]


def test_head_answers_like_get(client, county, key):
    response = client.head(REACH, HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_an_unknown_api_address_answers_in_json(client, db):
    response = client.get("/api/v1/nothing/")

    assert response.status_code == 404
    assert response.json()["error"]


# Lists


def test_campaigns_lists_the_published_campaigns(client, county, key):
    _towns, _places, campaigns = county
    campaigns[1].unpublish()

    data = get(client, "/api/v1/campaigns/", key).json()

    assert data == {
        "campaigns": [
            {
                "id": campaigns[0].pk,
                "title": campaigns[0].title,
                "theme": campaigns[0].theme,
                "start_date": campaigns[0].start_date.isoformat(),
                "end_date": campaigns[0].end_date.isoformat(),
                "url": campaigns[0].full_url,
            }
        ]
    }


def test_neighbourhoods_lists_every_neighbourhood_with_its_town(client, county, key):
    towns, places, _campaigns = county

    data = get(client, "/api/v1/neighbourhoods/", key).json()

    assert [row["id"] for row in data["neighbourhoods"]] == sorted(
        Neighbourhood.objects.values_list("pk", flat=True)
    )
    assert data["neighbourhoods"][2] == {
        "id": places[2].pk,
        "name": places[2].name,
        "town": {"id": towns[1].pk, "name": towns[1].name},
        "population": 6000,
        "households": 2100,
    }


# Making and revoking keys


def test_the_command_prints_a_key_that_works_and_revoke_refuses_it(client, county):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", "数字城管", stdout=out, stderr=err)
    made = out.getvalue().strip()

    assert "数字城管" in err.getvalue()
    assert get(client, REACH, made).status_code == 200
    assert ApiToken.objects.get().key_hash != made

    call_command("create_api_token", "数字城管", "--revoke", stdout=io.StringIO())

    assert get(client, REACH, made).status_code == 401
    with pytest.raises(CommandError):
        call_command("create_api_token", "数字城管", "--revoke", stdout=io.StringIO())


def test_a_superuser_makes_a_key_in_the_admin_and_sees_it_once(admin_client, client, county):
    form = admin_client.get(f"{TOKENS}add/").content.decode()
    assert 'name="name"' in form
    assert 'name="revoke"' not in form

    response = admin_client.post(f"{TOKENS}add/", {"name": "数字城管"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    made = re.search(r"<code>([\w-]{43})</code>", response.content.decode())[1]
    assert get(client, REACH, made).status_code == 200
    listing = admin_client.get(TOKENS).content.decode()
    assert "数字城管" in listing
    assert made not in listing


def test_a_superuser_revokes_a_key_in_the_admin(admin_client, client, county, key):
    token = ApiToken.objects.get()
    assert 'name="revoke"' in admin_client.get(f"{TOKENS}edit/{token.pk}/").content.decode()

    response = admin_client.post(f"{TOKENS}edit/{token.pk}/", {"name": token.name, "revoke": "on"})

    assert response.status_code == 302
    assert get(client, REACH, key).status_code == 401
    # A revoked key stays revoked.
    assert 'name="revoke"' not in admin_client.get(f"{TOKENS}edit/{token.pk}/").content.decode()


def test_publicity_staff_cannot_see_the_keys(client, county, key):
    user = get_user_model().objects.create_user("publicity", password="pw")
    user.groups.add(ensure_publicity_staff_group())
    client.force_login(user)

    assert client.get(TOKENS).status_code in (302, 403)
    assert client.post(f"{TOKENS}add/", {"name": "偷偷"}).status_code in (302, 403)
    assert ApiToken.objects.count() == 1
