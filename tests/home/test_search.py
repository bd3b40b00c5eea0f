from unittest import mock

import pytest
from kombu.exceptions import OperationalError

from campaigns import factories
from home.tasks import update_search_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def waste_regulation(regulation_index):
    return factories.RegulationPageFactory(
        parent=regulation_index,
        title="南昌县生活垃圾分类管理办法",
        summary="<p>居民应当按照可回收物、有害垃圾、厨余垃圾和其他垃圾四类投放。</p>",
    )


def test_a_word_inside_a_compound_finds_the_page(client, waste_regulation):
    response = client.get("/search/", {"q": "垃圾"})

    assert response.status_code == 200
    assert [page.pk for page in response.context["results"]] == [waste_regulation.pk]
    assert "南昌县生活垃圾分类管理办法" in response.content.decode()


def test_results_show_the_type_of_each_page(client, waste_regulation, campaign_index):
    factories.CampaignPageFactory(parent=campaign_index, title="垃圾分类进社区")

    html = client.get("/search/", {"q": "垃圾分类"}).content.decode()

    assert "法规" in html and "宣传活动" in html


def test_every_word_of_the_query_must_match(client, waste_regulation, campaign_index):
    factories.CampaignPageFactory(
        parent=campaign_index, title="文明停车宣传月", theme="文明交通", slogan=""
    )

    response = client.get("/search/", {"q": "垃圾 停车"})

    assert list(response.context["results"]) == []
    assert "垃圾" in response.content.decode()


def test_article_text_and_its_number_are_searchable(client, regulation_index):
    regulation = factories.RegulationPageFactory(
        parent=regulation_index,
        body=[
            {
                "type": "article",
                "value": {"number": 12, "text": "<p>禁止在城市道路两侧占道经营、摆摊设点。</p>"},
            }
        ],
    )

    for query in ("摆摊", "第十二条"):
        results = client.get("/search/", {"q": query}).context["results"]
        assert [page.pk for page in results] == [regulation.pk], query


def test_unpublished_pages_are_not_found(client, waste_regulation):
    waste_regulation.unpublish()

    assert list(client.get("/search/", {"q": "垃圾"}).context["results"]) == []


def test_tags_added_when_publishing_are_searchable(
    client, campaign_index, django_capture_on_commit_callbacks
):
    campaign = factories.CampaignPageFactory(parent=campaign_index, title="城市环境提升行动")
    campaign.tags.add("油烟排放")
    with django_capture_on_commit_callbacks(execute=True):
        campaign.save_revision().publish()

    results = client.get("/search/", {"q": "油烟"}).context["results"]

    assert [page.pk for page in results] == [campaign.pk]


def test_results_are_paginated(client, regulation_index):
    for n in range(12):
        factories.RegulationPageFactory(parent=regulation_index, title=f"垃圾管理规定{n}")

    first = client.get("/search/", {"q": "垃圾"})
    second = client.get("/search/", {"q": "垃圾", "page": 2})

    assert len(first.context["results"]) == 10
    assert len(second.context["results"]) == 2
    assert "q=%E5%9E%83%E5%9C%BE&amp;page=2" in first.content.decode()


@pytest.mark.parametrize("query", ["", "   ", "！？。", "x" * 5000, "<script>alert(1)</script>"])
def test_odd_queries_answer_calmly(client, waste_regulation, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_page_is_still_indexed_when_the_broker_is_down(
    client, campaign_index, django_capture_on_commit_callbacks
):
    campaign = factories.CampaignPageFactory(parent=campaign_index, title="城市环境提升行动")
    campaign.tags.add("噪声污染")
    with (
        mock.patch.object(update_search_index, "delay", side_effect=OperationalError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        campaign.save_revision().publish()

    assert [page.pk for page in client.get("/search/", {"q": "噪声"}).context["results"]] == [
        campaign.pk
    ]


def test_a_match_in_the_title_ranks_first(client, regulation_index, news_index):
    factories.RegulationPageFactory(
        parent=regulation_index, summary="<p>垃圾分类督导、垃圾清运、垃圾减量，垃圾不落地。</p>"
    )
    article = factories.ArticlePageFactory(parent=news_index, title="垃圾分类小常识")

    results = list(client.get("/search/", {"q": "垃圾"}).context["results"])

    assert len(results) == 2
    assert results[0].pk == article.pk


def test_a_published_change_shows_in_results_at_once(client, settings, waste_regulation):
    settings.PAGE_CACHE_SECONDS = 300
    client.get("/search/", {"q": "垃圾"})

    waste_regulation.title = "南昌县生活垃圾分类管理条例"
    waste_regulation.save_revision().publish()

    html = client.get("/search/", {"q": "垃圾"}).content.decode()
    assert "南昌县生活垃圾分类管理条例" in html
    assert "管理办法" not in html
