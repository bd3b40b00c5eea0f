import pytest

from campaigns import factories

pytestmark = pytest.mark.django_db


def test_home_page_lists_current_campaigns_and_latest_articles(client, campaign_index, news_index):
    campaign = factories.CampaignPageFactory(parent=campaign_index, title="垃圾分类进社区")
    factories.ArticlePageFactory(parent=campaign, title="社区垃圾分类宣传周启动")
    factories.ArticlePageFactory(parent=news_index, title="县城管委召开创建推进会")

    html = client.get("/").content.decode()

    assert "垃圾分类进社区" in html
    assert "社区垃圾分类宣传周启动" in html
    assert "县城管委召开创建推进会" in html


def test_home_page_lists_upcoming_volunteer_activities(client, volunteer_index):
    room = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    factories.VolunteerEventPageFactory(parent=room, title="桶边督导")

    html = client.get("/").content.decode()

    assert "即将开展的志愿服务活动" in html and "桶边督导" in html
