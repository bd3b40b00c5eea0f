import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns import factories
from campaigns.models import RegulationPage, RelatedRegulation

pytestmark = pytest.mark.django_db


def test_each_article_has_a_stable_anchor_and_a_chinese_label(client, regulation_index):
    regulation = factories.RegulationPageFactory(parent=regulation_index)

    html = client.get(regulation.url).content.decode()

    assert 'id="article-12"' in html
    assert "第十二条" in html
    assert 'id="chapter-3"' in html and "第三章" in html
    assert regulation.article_url(12) == f"{regulation.url}#article-12"


def test_a_regulation_can_be_cited_by_article(regulation_index):
    regulation = factories.RegulationPageFactory(
        parent=regulation_index, title="南昌县噪声管理办法"
    )

    assert regulation.citation(12) == "《南昌县噪声管理办法》第十二条"
    assert regulation.article(12)["text"].source == "<p>第12条的规定内容。</p>"
    assert regulation.article(99) is None


def test_an_article_number_used_twice_is_refused(regulation_index):
    article = {"number": 3, "text": "<p>内容</p>"}
    regulation = factories.RegulationPageFactory.build(
        body=[{"type": "article", "value": article}, {"type": "article", "value": article}]
    )

    with pytest.raises(ValidationError, match="3"):
        regulation.clean()


def test_the_page_shows_its_document_facts_summary_and_related_regulations(
    client, regulation_index
):
    noise = factories.RegulationPageFactory(parent=regulation_index, title="噪声污染防治规定")
    regulation = factories.RegulationPageFactory(
        parent=regulation_index,
        document_number="南县府发〔2023〕12号",
        status=RegulationPage.Status.AMENDED,
        summary="<p>商户不得在门前堆放杂物。</p>",
    )
    regulation.related_regulations.add(RelatedRegulation(regulation=noise))
    regulation.save()

    html = client.get(regulation.url).content.decode()

    assert "南县府发〔2023〕12号" in html
    assert "商户不得在门前堆放杂物。" in html
    assert "噪声污染防治规定" in html
    assert "已修订" in html
    assert regulation.title in client.get(noise.url).content.decode()


@pytest.fixture
def regulations(regulation_index):
    def make(title, year, status, tag):
        page = factories.RegulationPageFactory(
            parent=regulation_index,
            title=title,
            promulgated_on=datetime.date(year, 1, 1),
            status=status,
        )
        page.tags.add(tag)
        page.save()
        return page

    return {
        "waste": make("垃圾分类办法", 2023, RegulationPage.Status.IN_FORCE, "垃圾分类"),
        "parking": make("停车管理办法", 2021, RegulationPage.Status.REPEALED, "文明交通"),
        "vending": make("占道经营管理规定", 2023, RegulationPage.Status.IN_FORCE, "占道经营"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"waste", "parking", "vending"}),
        ({"topic": "垃圾分类"}, {"waste"}),
        ({"status": "repealed"}, {"parking"}),
        ({"year": "2023"}, {"waste", "vending"}),
        ({"year": "2023", "status": "in_force", "topic": "占道经营"}, {"vending"}),
        ({"year": "abc", "status": "nonsense"}, {"waste", "parking", "vending"}),
    ],
)
def test_the_index_filters_by_topic_status_and_year(client, regulations, query, expected):
    page = client.get("/regulations/", query).context["regulations"]

    assert {p.pk for p in page} == {regulations[name].pk for name in expected}


def test_the_index_is_paginated(client, regulation_index):
    for n in range(12):
        factories.RegulationPageFactory(parent=regulation_index, title=f"规定{n}")

    assert len(client.get("/regulations/").context["regulations"]) == 10
    assert len(client.get("/regulations/", {"page": 2}).context["regulations"]) == 2
    assert client.get("/regulations/", {"page": "zzz"}).status_code == 200
