import datetime
import re

import pytest
from django.utils import timezone

from campaigns import factories
from campaigns.models import Participation, PledgeSignature
from campaigns.residents import participant_key
from tests.campaigns.pledging import sign_url

pytestmark = pytest.mark.django_db
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def without_csrf(response):
    """Return the page without its per-response CSRF tokens."""
    return CSRF_TOKEN.sub("", response.content.decode())


@pytest.fixture
def pledge(campaign_index):
    campaign = factories.CampaignPageFactory(parent=campaign_index)
    return factories.PledgePageFactory(parent=campaign, goal=10)


@pytest.fixture
def neighbourhood():
    return factories.NeighbourhoodFactory(name="澄湖社区", population=5000)


def signing(place, **overrides):
    return {
        "name": "张三明",
        "neighbourhood": place.pk,
        "phone": "13812345678",
        "consent": "on",
        **overrides,
    }


def test_a_resident_signs_and_is_counted_once_in_their_neighbourhood(client, pledge, neighbourhood):
    response = client.post(sign_url(pledge), signing(neighbourhood))

    signature = PledgeSignature.objects.get()
    assert response.status_code == 302
    assert (signature.name, signature.neighbourhood, signature.phone_masked) == (
        "张三明",
        neighbourhood,
        "138****5678",
    )
    participation = Participation.objects.get()
    assert participation.kind == "pledge"
    assert participation.neighbourhood == neighbourhood
    assert participation.campaign.pk == pledge.get_parent().pk
    assert participation.participant == participant_key("13812345678")


def test_a_repeat_signature_gets_the_same_answer_and_is_not_counted(client, pledge, neighbourhood):
    first = client.post(sign_url(pledge), signing(neighbourhood))
    client.cookies.clear()
    repeat = client.post(sign_url(pledge), signing(neighbourhood, phone="+86 138-1234-5678"))

    assert PledgeSignature.objects.count() == 1
    assert Participation.objects.count() == 1
    assert (repeat.status_code, repeat["Location"]) == (first.status_code, first["Location"])
    assert without_csrf(client.get(repeat["Location"])) == without_csrf(
        client.get(first["Location"])
    )


def test_a_repeat_under_another_name_learns_nothing_about_the_first(client, pledge, neighbourhood):
    client.post(sign_url(pledge), signing(neighbourhood, name="张三明"))

    repeat = client.post(sign_url(pledge), signing(neighbourhood, name="李四"))
    certificate = client.get(repeat["Location"]).content.decode()

    assert "李*" in certificate
    assert "张" not in certificate


def test_the_certificate_shows_the_pledge_masked_name_and_date(client, pledge, neighbourhood):
    response = client.post(sign_url(pledge), signing(neighbourhood), follow=True)
    html = response.content.decode()

    assert "张*明" in html and "张三明" not in html
    assert "不乱扔垃圾" in html and "文明停车" in html
    assert timezone.localdate().strftime("%Y年").lstrip("0") in html
    assert "13812345678" not in html and "5678" not in html


def test_a_forged_certificate_address_is_not_found(client, pledge):
    assert client.get(f"{pledge.url}certificate/eyJwIjoxfQ/forged/").status_code == 404


def test_the_page_shows_count_progress_standing_and_masked_recent_signers(
    client, pledge, neighbourhood
):
    other = factories.NeighbourhoodFactory(name="向阳社区", population=1000)
    client.post(sign_url(pledge), signing(neighbourhood))
    for n, name in enumerate(["王五甲", "王五乙", "王五丙"]):
        client.post(sign_url(pledge), signing(other, name=name, phone=f"1390000000{n}"))
    client.post(sign_url(pledge), signing(other, name="赵六", phone="13700000000", hide_name="on"))

    html = client.get(pledge.url).content.decode()

    assert "5" in re.search(r'id="count-heading">([^<]*)<', html).group(1)
    assert 'value="50"' in html
    assert html.index("向阳社区") < html.index("澄湖社区")
    assert "4.0" in html and "0.2" in html
    assert "张*明" in html and "王*甲" in html
    assert "赵" not in html
    assert "1380000" not in html and "5678" not in html


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "12345"),
        ("phone", ""),
        ("name", ""),
        ("name", "<script>alert(1)</script>"),
        ("name", "张" * 40),
        ("neighbourhood", "999999"),
        ("neighbourhood", "abc"),
        ("consent", ""),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(
    client, pledge, neighbourhood, field, value
):
    response = client.post(sign_url(pledge), signing(neighbourhood, **{field: value}))

    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not PledgeSignature.objects.exists() and not Participation.objects.exists()


def test_a_bot_filling_the_hidden_field_is_thanked_but_not_counted(client, pledge, neighbourhood):
    response = client.post(sign_url(pledge), signing(neighbourhood, website="http://spam.example"))

    assert response.status_code == 302
    assert not PledgeSignature.objects.exists()


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(1, None), (-10, -1)],
    ids=["not yet open", "closed"],
)
def test_a_pledge_outside_its_dates_explains_and_refuses(
    client, pledge, neighbourhood, opens, closes
):
    now = timezone.now()
    pledge.opens_at = now + datetime.timedelta(days=opens)
    pledge.closes_at = now + datetime.timedelta(days=closes) if closes else None
    pledge.save()

    page = client.get(pledge.url).content.decode()
    response = client.post(sign_url(pledge), signing(neighbourhood))

    assert '<form method="post"' not in page.split('id="sign-heading"')[1].split("</section>")[0]
    assert response.status_code == 403
    assert not PledgeSignature.objects.exists()


def test_two_hundred_residents_from_one_address_all_sign(client, pledge, neighbourhood):
    for n in range(200):
        response = client.post(sign_url(pledge), signing(neighbourhood, phone=f"139{n:08d}"))
        assert response.status_code == 302, n

    assert PledgeSignature.objects.count() == 200


def test_one_number_trying_again_and_again_is_slowed_down(client, pledge, neighbourhood):
    statuses = [client.post(sign_url(pledge), signing(neighbourhood)).status_code for _ in range(7)]

    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [429, 429]
    assert PledgeSignature.objects.count() == 1


def test_the_chosen_neighbourhood_is_preselected_next_time(client, pledge, neighbourhood):
    client.post(sign_url(pledge), signing(neighbourhood))

    html = client.get(pledge.url).content.decode()

    assert f'<option value="{neighbourhood.pk}" selected>' in html
    assert (
        "澄湖社区: 1" in html
        or "澄湖社区：1" in html
        or "澄湖社区" in html.split("own-standing")[1]
    )


def test_signing_an_unknown_or_unpublished_pledge_is_not_found(client, pledge, neighbourhood):
    pledge.unpublish()

    assert client.post(sign_url(pledge), signing(neighbourhood)).status_code == 404
    assert client.post("/pledges/999999/sign/", signing(neighbourhood)).status_code == 404
    assert not PledgeSignature.objects.exists()


def test_opening_the_signing_address_leads_back_to_the_pledge(client, pledge):
    response = client.get(sign_url(pledge))

    assert (response.status_code, response.url) == (302, pledge.url)


@pytest.mark.parametrize("value", ["999999", "99999999999999999999999", "1.5", " "])
def test_a_neighbourhood_not_in_the_list_is_refused_in_chinese(
    client, pledge, neighbourhood, value
):
    response = client.post(sign_url(pledge), signing(neighbourhood, neighbourhood=value))

    assert response.status_code == 400
    assert "请从列表中选择您所在的社区" in response.content.decode()
    assert not PledgeSignature.objects.exists()


def test_a_neighbourhood_deleted_after_the_list_was_read_is_refused(client, pledge, neighbourhood):
    gone = factories.NeighbourhoodFactory(name="已撤并社区")
    client.get(pledge.url)  # reads the neighbourhood list into the cache
    gone_pk = gone.pk
    gone.delete()

    response = client.post(sign_url(pledge), signing(neighbourhood, neighbourhood=gone_pk))

    assert response.status_code == 400
    assert not PledgeSignature.objects.exists()
