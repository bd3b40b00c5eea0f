import pytest
from django.core.exceptions import ValidationError

from quizzes import factories
from quizzes.models import Question, validate_choices

pytestmark = pytest.mark.django_db
SINGLE, MULTIPLE, TRUE_FALSE = (
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.TRUE_FALSE,
)


@pytest.mark.parametrize(
    ("kind", "choices", "code"),
    [
        (SINGLE, [("甲", True)], "choice_count"),
        (SINGLE, [(str(n), n == 0) for n in range(7)], "choice_count"),
        (SINGLE, [("甲", True), ("乙", True)], "one_correct"),
        (SINGLE, [("甲", False), ("乙", False)], "one_correct"),
        (TRUE_FALSE, [("正确", True), ("错误", True)], "one_correct"),
        (TRUE_FALSE, [("正确", True), ("错误", False), ("不确定", False)], "true_false_choices"),
        (MULTIPLE, [("甲", False), ("乙", False)], "no_correct"),
        (MULTIPLE, [("甲", True), ("甲", False)], "duplicate_choice"),
    ],
)
def test_choices_that_do_not_suit_the_kind_of_question_are_refused(kind, choices, code):
    with pytest.raises(ValidationError) as refused:
        validate_choices(kind, choices)

    assert refused.value.code == code


@pytest.mark.parametrize(
    ("kind", "choices"),
    [
        (SINGLE, [("甲", True), ("乙", False)]),
        (MULTIPLE, [(str(n), True) for n in range(6)]),
        (TRUE_FALSE, [("正确", False), ("错误", True)]),
    ],
)
def test_choices_that_suit_the_kind_of_question_are_accepted(kind, choices):
    validate_choices(kind, choices)


def test_a_question_cites_its_article_and_links_to_its_anchor(single, regulation):
    assert single.citation() == "《南昌县生活垃圾分类管理办法》第十二条"
    assert single.source_url() == f"{regulation.url}#article-12"


def test_a_question_may_not_cite_an_article_its_regulation_lacks(regulation):
    question = factories.QuestionFactory(regulation=regulation, article_number=999)

    with pytest.raises(ValidationError) as refused:
        question.full_clean()

    assert "article_number" in refused.value.message_dict


def test_an_unpublished_regulation_is_cited_without_a_link(single, regulation):
    regulation.unpublish()
    single.refresh_from_db()

    assert single.citation()
    assert single.source_url() == ""
