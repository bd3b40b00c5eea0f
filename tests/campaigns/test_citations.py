"""Citations of regulation articles link to the article's anchor, and only where it exists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import factories
from campaigns.citations import Cited, Regulations, link_citations

pytestmark = pytest.mark.django_db

PARKING = "南昌县城区机动车停放管理办法"


def article(number, text):
    return {"type": "article", "value": {"number": number, "text": f"<p>{text}</p>"}}


def regulation_with(regulation_index, *articles, title=PARKING):
    return factories.RegulationPageFactory(parent=regulation_index, title=title, body=articles)


def article_with(parent, text):
    return factories.ArticlePageFactory(
        parent=parent, body=[{"type": "paragraph", "value": f"<p>{text}</p>"}]
    )


def test_an_article_number_in_a_regulation_links_to_that_article(client, regulation_index):
    regulation = regulation_with(
        regulation_index,
        article(12, "禁止在人行道停放机动车。"),
        article(21, "违反本办法第十二条第二款规定的，处20元以上200元以下罚款。"),
    )

    html = client.get(regulation.url).content.decode()

    assert '<a class="citation" href="#article-12">本办法第十二条第二款</a>' in html


def test_an_article_number_in_arabic_digits_links_too(client, regulation_index):
    regulation = regulation_with(
        regulation_index, article(3, "停车场开放。"), article(4, "依照第3条办理。")
    )

    html = client.get(regulation.url).content.decode()

    assert '<a class="citation" href="#article-3">第3条</a>' in html


def test_a_citation_of_an_article_the_regulation_lacks_stays_plain(client, regulation_index):
    fine = article(1, "违反本办法第九十九条规定的，处罚款。")
    regulation = regulation_with(regulation_index, fine)

    html = client.get(regulation.url).content.decode()

    assert "违反本办法第九十九条规定的" in html
    assert "#article-99" not in html


def test_an_article_citing_a_regulation_links_to_the_cited_article(
    client, regulation_index, news_index
):
    regulation = regulation_with(regulation_index, article(12, "学校门前禁止停车。"))
    news = article_with(news_index, f"根据《{PARKING}》第十二条，学校门前禁止停车。")

    html = client.get(news.url).content.decode()

    cited = f'<a class="citation" href="{regulation.url}#article-12">《{PARKING}》第十二条</a>'
    assert cited in html


def test_a_title_without_the_county_prefix_and_a_bare_title_link_to_the_regulation(
    client, regulation_index, news_index
):
    regulation = regulation_with(regulation_index, article(12, "学校门前禁止停车。"))
    short = "《城区机动车停放管理办法》"
    news = article_with(news_index, f"依照{short}第12条；另见{short}。")

    html = client.get(news.url).content.decode()

    assert f'href="{regulation.url}#article-12">{short}第12条</a>' in html
    assert f'<a class="citation" href="{regulation.url}">{short}</a>。' in html


def test_unknown_titles_and_articles_of_other_laws_stay_plain(client, regulation_index, news_index):
    regulation_with(regulation_index, article(12, "学校门前禁止停车。"))
    news = article_with(news_index, "依照《中华人民共和国道路交通安全法》第十二条处理。")

    html = client.get(news.url).content.decode()

    assert "依照《中华人民共和国道路交通安全法》第十二条处理。" in html
    assert 'class="citation"' not in html


def test_a_citation_already_inside_a_link_is_not_linked_again(client, regulation_index, news_index):
    regulation_with(regulation_index, article(12, "学校门前禁止停车。"))
    news = article_with(
        news_index, f'详见<a href="https://example.org/"><b>《{PARKING}》第十二条</b></a>。'
    )

    html = client.get(news.url).content.decode()

    assert f'<a href="https://example.org/"><b>《{PARKING}》第十二条</b></a>' in html
    assert 'class="citation"' not in html


def test_attributes_are_never_rewritten():
    regulations = Regulations({PARKING: Cited("/regulations/parking/", frozenset({12}))})
    tags = f'<img alt="《{PARKING}》第十二条" src="x.png"><p title=\'第十二条 > 1\'>'

    linked = link_citations(f"{tags}第十二条</p>", regulations, own=Cited("", frozenset({12})))

    assert linked.startswith(tags)
    assert linked.endswith('<a class="citation" href="#article-12">第十二条</a></p>')


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def test_regulations_are_looked_up_once_a_page_however_many_citations_it_holds(
    client, regulation_index, news_index
):
    regulation_with(regulation_index, article(12, "学校门前禁止停车。"))
    plain = article_with(news_index, "学校门前禁止停车。")
    once = article_with(news_index, f"《{PARKING}》第十二条")
    often = article_with(news_index, f"《{PARKING}》第十二条、《{PARKING}》。" * 20)
    client.get(plain.url)  # Warm what Wagtail keeps per process, such as the site root paths.

    assert queries(client, often.url) == queries(client, once.url) == queries(client, plain.url) + 1
