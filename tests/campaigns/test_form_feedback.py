"""What a resident sees first after posting a pledge, a sign-up, a cancellation or a check-in."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import factories
from campaigns.volunteering import sign_up
from tests.campaigns.pledging import sign_url
from tests.feedback import description_of, page, summary_links

pytestmark = pytest.mark.django_db
PHONE = "13812345678"


@pytest.fixture
def pledge(campaign_index):
    campaign = factories.CampaignPageFactory(parent=campaign_index)
    return factories.PledgePageFactory(parent=campaign, goal=10)


@pytest.fixture
def event(volunteer_index):
    room = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    return factories.VolunteerEventPageFactory(parent=room, capacity=2)


def filled(neighbourhood, **overrides):
    fields = {"name": "张三明", "neighbourhood": neighbourhood.pk, "phone": PHONE, "consent": "on"}
    return {**fields, **overrides}


def test_a_signature_lands_on_the_certificates_thank_you(client, pledge):
    response = client.post(sign_url(pledge), filled(factories.NeighbourhoodFactory()))

    assert response.status_code == 302 and response["Location"].endswith("#thanks")
    thanks = page(client.get(response["Location"])).find(id="thanks")
    assert "感谢" in thanks.get_text()


def test_the_pledge_form_posts_to_its_error_summary(client, pledge):
    html = page(client.get(pledge.url))

    assert html.find("form", method="post")["action"] == sign_url(pledge) + "#error-summary"
    assert html.find(id="error-summary") is None


def test_an_empty_signature_is_summarised_with_a_link_to_each_field(client, pledge):
    response = client.post(sign_url(pledge), {})

    assert response.status_code == 400
    assert summary_links(response) == ["id_name", "id_neighbourhood", "id_phone", "id_consent"]
    summary = page(response).find(id="error-summary")
    assert (summary["role"], summary["tabindex"]) == ("alert", "-1")
    assert "提交未成功，请修改以下问题" in summary.get_text()


def test_a_wrong_field_is_marked_invalid_and_described_by_its_message(client, pledge):
    data = filled(factories.NeighbourhoodFactory(), phone="12345")
    response = client.post(sign_url(pledge), data)

    invalid, texts = description_of(response, "id_phone")
    assert summary_links(response) == ["id_phone"]
    assert invalid and None not in texts
    assert any("手机号" in text for text in texts)
    assert description_of(response, "id_name") == (False, [])


def test_the_consent_error_comes_before_its_box(client, pledge):
    response = client.post(sign_url(pledge), filled(factories.NeighbourhoodFactory(), consent=""))

    invalid, texts = description_of(response, "id_consent")
    field = page(response).find(id="id_consent_error").parent
    assert invalid and texts == [field.find(class_="error").get_text(strip=True)]
    assert [child.name for child in field.find_all(recursive=False)] == ["p", "div"]


def test_a_sign_up_lands_on_its_thank_you_without_the_form_again(client, event):
    url = reverse("volunteer_sign_up", args=[event.pk])
    response = client.post(url, filled(event.neighbourhood))

    assert response["Location"] == event.url + "?signed=1#thanks"
    html = page(client.get(response["Location"]))
    assert html.find(id="thanks") is not None
    assert html.find("form", action=url + "#error-summary") is None
    assert html.find(id="thanks").find("a")["href"] == event.url + "#signup"


def test_the_activity_page_others_get_never_shows_a_thank_you(client, event):
    client.post(reverse("volunteer_sign_up", args=[event.pk]), filled(event.neighbourhood))
    client.get(event.url + "?signed=1")

    html = page(client.get(event.url))

    assert html.find(id="thanks") is None
    assert html.find(id="signup").find("form") is not None


def test_an_empty_sign_up_is_summarised_with_a_link_to_each_field(client, event):
    response = client.post(reverse("volunteer_sign_up", args=[event.pk]), {"name": "张三明"})

    assert response.status_code == 400
    assert summary_links(response) == ["id_neighbourhood", "id_phone", "id_consent"]
    assert description_of(response, "id_consent")[0]


def test_a_cancellation_lands_on_its_confirmation(client, event):
    signup, _status = sign_up(event, name="王五", neighbourhood=event.neighbourhood, phone=PHONE)
    url = reverse("volunteer_cancel", args=[signup.cancel_token])

    response = client.post(url)

    assert response["Location"] == url + "#cancelled"
    assert page(client.get(url)).find(id="cancelled") is not None


def test_a_wrong_number_at_check_in_is_summarised(client, volunteer_index):
    start = timezone.now() - datetime.timedelta(minutes=5)
    event = factories.VolunteerEventPageFactory(
        parent=factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    url = reverse("volunteer_check_in", args=[event.checkin_token])

    response = client.post(url, {"phone": "12"})

    assert response.status_code == 400
    assert summary_links(response) == ["id_phone"]
    assert page(response).find("form", method="post")["action"] == url + "#error-summary"
