"""Residents find every open quiz, pledge and nearby activity from the home and campaign pages."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from campaigns import factories
from quizzes import factories as quiz_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(campaign_index):
    return factories.CampaignPageFactory(parent=campaign_index, title="垃圾分类进社区")


@pytest.fixture
def quiz(campaign):
    return quiz_factories.QuizPageFactory(
        parent=campaign,
        title="垃圾分类知识问答",
        questions=quiz_factories.QuestionFactory.create_batch(2),
    )


@pytest.fixture
def pledge(campaign):
    return factories.PledgePageFactory(parent=campaign, title="垃圾分类家庭文明公约")


def test_the_campaign_page_offers_its_open_quiz_and_pledge_as_actions(client, quiz, pledge):
    html = client.get(quiz.get_parent().url).content.decode()

    take_part = html[html.index('id="take-part"') :]
    assert f'href="{quiz.url}"' in take_part and "参加答题" in take_part
    assert f'href="{pledge.url}"' in take_part and "签署承诺" in take_part


def test_a_closed_pledge_and_a_quiz_not_yet_open_are_not_offered(client, campaign, quiz, pledge):
    now = timezone.now()
    pledge.opens_at, pledge.closes_at = now - datetime.timedelta(days=9), now
    pledge.save()
    quiz.opens_at = now + datetime.timedelta(days=1)
    quiz.save()

    html = client.get(campaign.url).content.decode()

    assert pledge.url not in html and quiz.url not in html


def test_a_pledge_behind_a_password_is_not_offered_on_the_home_page(client, quiz, pledge):
    PageViewRestriction.objects.create(
        page=pledge, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    html = client.get("/").content.decode()

    assert quiz.url in html and pledge.url not in html


def test_the_home_page_lists_every_open_quiz_and_pledge(client, campaign_index, quiz, pledge):
    other = factories.CampaignPageFactory(parent=campaign_index, title="礼让斑马线")
    traffic = factories.PledgePageFactory(parent=other, title="文明交通公约")

    html = client.get("/").content.decode()

    actions = html[html.index('id="actions-heading"') :]
    assert all(f'href="{page.url}"' in actions for page in (quiz, pledge, traffic))


def test_the_campaign_page_lists_activities_in_its_neighbourhoods_and_its_own(
    client, campaign, volunteer_index
):
    target, elsewhere, further = factories.NeighbourhoodFactory.create_batch(3)
    campaign.target_neighbourhoods.add(target)
    campaign.save_revision().publish()
    rooms = [
        factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index, neighbourhood=place)
        for place in (target, elsewhere, further)
    ]
    nearby = factories.VolunteerEventPageFactory(parent=rooms[0], title="楼道清理")
    tied = factories.VolunteerEventPageFactory(parent=rooms[1], title="分类督导", campaign=campaign)
    unrelated = factories.VolunteerEventPageFactory(parent=rooms[2], title="义诊")

    html = client.get(campaign.url).content.decode()

    assert nearby.url in html and tied.url in html
    assert unrelated.url not in html


def test_staff_preview_a_new_campaign_with_its_nearby_activities_before_saving_it(
    admin_client, campaign_index, volunteer_index
):
    place = factories.NeighbourhoodFactory()
    room = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index, neighbourhood=place)
    nearby = factories.VolunteerEventPageFactory(parent=room, title="楼道清理")
    url = f"/admin/pages/add/campaigns/campaignpage/{campaign_index.pk}/preview/"
    data = {
        "title": "文明养犬宣传月",
        "slug": "wenming-yangquan",
        "theme": "文明养犬",
        "start_date": "2026-12-01",
        "end_date": "2026-12-31",
        "body-count": "0",
        "target_neighbourhoods": [place.pk],
    }

    posted = admin_client.post(url, data)
    shown = admin_client.get(url)

    assert posted.json()["is_valid"], posted.json()
    assert shown.status_code == 200
    assert nearby.title in shown.content.decode()
