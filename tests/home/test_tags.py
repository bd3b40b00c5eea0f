import pytest

from campaigns import factories

pytestmark = pytest.mark.django_db


def test_a_tag_page_lists_everything_published_with_that_tag(
    client, campaign_index, regulation_index, news_index
):
    campaign = factories.CampaignPageFactory(parent=campaign_index, title="垃圾分类进社区")
    article = factories.ArticlePageFactory(parent=news_index, title="分类驿站开放")
    regulation = factories.RegulationPageFactory(parent=regulation_index, title="垃圾分类办法")
    other = factories.ArticlePageFactory(parent=news_index, title="文明交通宣传")
    for page, tag in (
        (campaign, "垃圾分类"),
        (article, "垃圾分类"),
        (regulation, "垃圾分类"),
        (other, "文明交通"),
    ):
        page.tags.add(tag)
        page.save()
    article.unpublish()

    response = client.get("/tags/垃圾分类/")

    assert response.status_code == 200
    assert {page.pk for page in response.context["pages"]} == {campaign.pk, regulation.pk}
    assert "文明交通宣传" not in response.content.decode()


def test_pages_link_to_their_tags(client, news_index):
    article = factories.ArticlePageFactory(parent=news_index)
    article.tags.add("油烟排放")
    article.save()

    assert (
        'href="/tags/%E6%B2%B9%E7%83%9F%E6%8E%92%E6%94%BE/"'
        in client.get(article.url).content.decode()
    )


def test_an_unknown_tag_is_not_found(client, home_page):
    response = client.get("/tags/不存在/")

    assert response.status_code == 404
