"""A quiz explanation's citation of a regulation article links to that article."""

import pytest

from quizzes import factories
from tests.quizzes.conftest import letters, start

pytestmark = pytest.mark.django_db


def test_a_citation_in_an_explanation_links_to_the_cited_article(
    client, campaign, regulation, single, neighbourhood
):
    single.explanation = f"依照《{regulation.title}》第十二条，纸箱压扁后投入蓝色桶。"
    single.save()
    quiz = factories.QuizPageFactory(parent=campaign, questions=[single])
    attempt = start(client, quiz, neighbourhood)
    client.post(attempt.get_absolute_url(), letters(attempt, right=False))

    html = client.get(attempt.result_url()).content.decode()

    href = f"{regulation.url}#article-12"
    cited = f'<a class="citation" href="{href}">《{regulation.title}》第十二条</a>'
    assert f"依照{cited}，纸箱压扁后投入蓝色桶。" in html
