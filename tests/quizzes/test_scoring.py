from decimal import Decimal
from fractions import Fraction

from quizzes.models import Question
from quizzes.scoring import grade, total

SINGLE, MULTIPLE, TRUE_FALSE = (
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.TRUE_FALSE,
)


def test_a_single_choice_answer_scores_only_when_it_is_the_right_choice():
    assert grade(SINGLE, [1], [1]).points == 1
    assert grade(SINGLE, [1], [2]).points == 0
    assert grade(SINGLE, [1], []).points == 0


def test_a_true_or_false_answer_is_all_or_nothing():
    assert grade(TRUE_FALSE, [2], [2]).correct
    assert not grade(TRUE_FALSE, [2], [1]).correct


def test_a_multiple_choice_answer_naming_every_right_choice_scores_in_full():
    result = grade(MULTIPLE, [1, 2], [2, 1])

    assert result.points == 1
    assert result.correct and not result.partial


def test_a_multiple_choice_answer_naming_some_right_choices_earns_their_share():
    result = grade(MULTIPLE, [1, 2, 3], [1])

    assert result.points == Fraction(1, 3)
    assert result.partial and not result.correct


def test_a_multiple_choice_answer_naming_any_wrong_choice_scores_nothing():
    assert grade(MULTIPLE, [1, 2], [1, 2, 3]).points == 0
    assert grade(MULTIPLE, [1, 2], [3]).points == 0


def test_an_attempt_passes_when_its_percentage_reaches_the_pass_mark():
    grades = [grade(SINGLE, [1], [1]), grade(SINGLE, [1], [1]), grade(SINGLE, [1], [2])]

    result = total(grades, pass_mark=66)

    assert result.score == Decimal("2.00")
    assert result.percent == Decimal("66.7")
    assert result.passed
    assert not total(grades, pass_mark=67).passed


def test_partial_points_are_added_exactly_before_rounding():
    thirds = [grade(MULTIPLE, [1, 2, 3], [1])] * 3

    result = total(thirds, pass_mark=100)

    assert result.score == Decimal("1.00")
    assert result.percent == Decimal("33.3")


def test_an_empty_attempt_never_passes():
    assert not total([], pass_mark=0).passed
