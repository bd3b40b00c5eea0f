"""Posts outside Wagtail's routing find their page the way Wagtail would serve it."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from campaigns import factories
from campaigns.models import PledgeSignature
from tests.campaigns.pledging import sign_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_pledge(campaign_index):
    campaign = factories.CampaignPageFactory(parent=campaign_index)
    pledge = factories.PledgePageFactory(parent=campaign)
    PageViewRestriction.objects.create(
        page=pledge, restriction_type=PageViewRestriction.PASSWORD, password="wenming"
    )
    return pledge


def signing():
    place = factories.NeighbourhoodFactory()
    return {"name": "张三明", "neighbourhood": place.pk, "phone": "13812345678", "consent": "on"}


def test_a_private_pledge_takes_signatures_only_from_visitors_who_unlocked_it(private_pledge):
    stranger, member = Client(), Client()
    restriction = private_pledge.get_view_restrictions().get()
    unlock = f"/_util/authenticate_with_password/{restriction.pk}/{private_pledge.pk}/"
    member.post(unlock, {"password": "wenming", "return_url": private_pledge.url})

    refused = stranger.post(sign_url(private_pledge), signing())
    taken = member.post(sign_url(private_pledge), signing())

    assert (refused.status_code, taken.status_code) == (404, 302)
    assert PledgeSignature.objects.count() == 1


def test_an_impossibly_large_page_id_is_not_found(client):
    response = client.post("/pledges/9223372036854775808/sign/", signing())

    assert response.status_code == 404
