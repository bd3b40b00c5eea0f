import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns import factories
from campaigns.models import ArticlePage, CampaignPage, RegulationPage
from home.models import HomePage

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "end", "status", "label"),
    [
        (TODAY + DAY, TODAY + 9 * DAY, "upcoming", "即将开始"),
        (TODAY - DAY, TODAY + DAY, "current", "正在进行"),
        (TODAY, TODAY, "current", "正在进行"),
        (TODAY - 9 * DAY, TODAY - DAY, "ended", "已结束"),
    ],
)
def test_a_campaign_status_follows_its_dates(client, campaign_index, start, end, status, label):
    campaign = factories.CampaignPageFactory(parent=campaign_index, start_date=start, end_date=end)

    assert campaign.status == status
    assert label in client.get(campaign.url).content.decode()


def test_a_campaign_cannot_end_before_it_starts():
    campaign = factories.CampaignPageFactory.build(start_date=TODAY, end_date=TODAY - DAY)

    with pytest.raises(ValidationError) as error:
        campaign.clean()

    assert "end_date" in error.value.message_dict


def test_only_current_campaigns_are_featured_on_the_home_page(client, campaign_index):
    factories.CampaignPageFactory(parent=campaign_index, title="已结束的活动", end_date=TODAY - DAY)
    factories.CampaignPageFactory(parent=campaign_index, title="进行中的活动")

    titles = [c.title for c in client.get("/").context["current_campaigns"]]

    assert titles == ["进行中的活动"]


def test_a_campaign_page_shows_its_articles_and_target_neighbourhoods(client, campaign_index):
    neighbourhood = factories.NeighbourhoodFactory(name="澄湖社区")
    campaign = factories.CampaignPageFactory(parent=campaign_index, slogan="文明新风进万家")
    campaign.target_neighbourhoods.add(neighbourhood)
    campaign.save()
    article = factories.ArticlePageFactory(parent=campaign, title="澄湖社区开展宣传")

    html = client.get(campaign.url).content.decode()
    article_html = client.get(article.url).content.decode()

    assert "文明新风进万家" in html and "澄湖社区开展宣传" in html and "澄湖社区" in html
    assert campaign.title in article_html


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (ArticlePage, CampaignPage, True),
        (RegulationPage, CampaignPage, False),
        (CampaignPage, HomePage, False),
        (HomePage, HomePage, False),
    ],
)
def test_each_page_type_lives_only_under_its_parents(child, parent, allowed):
    assert (parent in child.allowed_parent_page_models()) is allowed
