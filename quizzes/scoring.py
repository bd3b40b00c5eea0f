"""Scoring rules: single choice and true/false are all or nothing; multiple choice earns a share."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from quizzes.models import Question


@dataclass(frozen=True)
class Grade:
    points: Fraction

    @property
    def correct(self):
        return self.points == 1

    @property
    def partial(self):
        return 0 < self.points < 1


@dataclass(frozen=True)
class Result:
    score: Decimal
    percent: Decimal
    passed: bool


def grade(kind, correct_ids, chosen_ids):
    """Score one answer out of 1; a multiple-choice answer naming no wrong choice earns a share."""
    correct, chosen = set(correct_ids), set(chosen_ids)
    if not chosen or not correct:
        return Grade(Fraction(0))
    if kind != Question.Kind.MULTIPLE:
        return Grade(Fraction(int(chosen == correct)))
    if chosen - correct:
        return Grade(Fraction(0))
    return Grade(Fraction(len(chosen), len(correct)))


def total(grades, pass_mark):
    """Add up the grades of an attempt; it passes when its percentage reaches the pass mark."""
    grades = list(grades)
    points = sum((g.points for g in grades), Fraction(0))
    percent = points * 100 / len(grades) if grades else Fraction(0)
    return Result(
        score=as_decimal(points, "0.01"),
        percent=as_decimal(percent, "0.1"),
        passed=bool(grades) and percent >= pass_mark,
    )


def as_decimal(fraction, places):
    """Round an exact fraction to the given decimal places, halves away from zero."""
    value = Decimal(fraction.numerator) / Decimal(fraction.denominator)
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)
