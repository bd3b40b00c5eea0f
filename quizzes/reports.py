"""What staff learn from a quiz: how residents scored and, per question, what they got wrong."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Q

from campaigns.models import Neighbourhood
from quizzes.models import Answer, Attempt, Choice, Question

# Figures resting on fewer residents than this are withheld, so no one can be singled out.
MIN_CELL = 5


def share(part, whole):
    """Return part of whole as a percentage with one decimal place."""
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1")) if whole else None


@dataclass(frozen=True)
class Summary:
    attempts: int
    average: Decimal | None
    passed: int
    neighbourhood: Neighbourhood | None = None

    @property
    def suppressed(self):
        return self.attempts < MIN_CELL

    @property
    def average_score(self):
        return None if self.suppressed or self.average is None else round(self.average, 1)

    @property
    def pass_rate(self):
        return None if self.suppressed else share(self.passed, self.attempts)


SUMMARY_FIGURES = {
    "attempts": Count("pk"),
    "average": Avg("percent"),
    "passed": Count("pk", filter=Q(passed=True)),
}


def finished_attempts(quiz, neighbourhood=None):
    attempts = Attempt.objects.filter(quiz=quiz, submitted_at__isnull=False)
    return attempts.filter(neighbourhood=neighbourhood) if neighbourhood else attempts


def quiz_summary(quiz, neighbourhood=None):
    """Return attempts, average score and passes of the quiz, in one neighbourhood or all."""
    figures = finished_attempts(quiz, neighbourhood).aggregate(**SUMMARY_FIGURES)
    return Summary(**figures, neighbourhood=neighbourhood)


def quiz_summaries(quizzes):
    """Return each quiz's summary keyed by its id, in one query."""
    rows = (
        Attempt.objects.filter(quiz__in=quizzes, submitted_at__isnull=False)
        .values("quiz")
        .annotate(**SUMMARY_FIGURES)
        .order_by()
    )
    found = {row.pop("quiz"): Summary(**row) for row in rows}
    return {quiz.pk: found.get(quiz.pk, Summary(0, None, 0)) for quiz in quizzes}


def neighbourhood_summaries(quiz):
    """Return a summary per neighbourhood that took the quiz, lowest average score first."""
    rows = finished_attempts(quiz).values("neighbourhood").annotate(**SUMMARY_FIGURES).order_by()
    places = Neighbourhood.objects.select_related("town").in_bulk(
        [r["neighbourhood"] for r in rows]
    )
    summaries = [
        Summary(r["attempts"], r["average"], r["passed"], places[r["neighbourhood"]]) for r in rows
    ]
    return sorted(summaries, key=lambda s: (s.suppressed, s.average_score or 0, s.attempts))


@dataclass(frozen=True)
class QuestionRow:
    question: Question
    neighbourhood: Neighbourhood | None
    answered: int
    correct: int
    wrong_choice: Choice | None
    wrong_count: int

    @property
    def suppressed(self):
        return self.answered < MIN_CELL

    @property
    def correct_share(self):
        return None if self.suppressed else share(self.correct, self.answered)

    @property
    def wrong_share(self):
        if self.suppressed or self.wrong_choice is None:
            return None
        return share(self.wrong_count, self.answered)

    @property
    def wrong_answer(self):
        return "" if self.suppressed or self.wrong_choice is None else self.wrong_choice.text

    @property
    def answered_display(self):
        return f"<{MIN_CELL}" if self.suppressed else self.answered

    @property
    def place(self):
        return self.neighbourhood.name if self.neighbourhood else ""

    def citation(self):
        return self.question.citation()


def question_rows(quiz, *, neighbourhood=None, by_neighbourhood=False):
    """Return, per question (and per neighbourhood if asked), who answered and how."""
    answers = Answer.objects.filter(attempt__in=finished_attempts(quiz, neighbourhood))
    group = ["question", "attempt__neighbourhood"] if by_neighbourhood else ["question"]
    counts = list(
        answers.values(*group)
        .annotate(answered=Count("pk"), correct=Count("pk", filter=Q(correct=True)))
        .order_by()
    )
    wrong = most_chosen_wrong(answers, group)
    questions = Question.objects.select_related("regulation").in_bulk(
        {row["question"] for row in counts}
    )
    choices = Choice.objects.in_bulk({choice for choice, _count in wrong.values()})
    places = Neighbourhood.objects.in_bulk(
        {row.get("attempt__neighbourhood") for row in counts} - {None}
    )
    rows = []
    for row in counts:
        key = tuple(row[name] for name in group)
        choice_id, wrong_count = wrong.get(key, (None, 0))
        rows.append(
            QuestionRow(
                question=questions[row["question"]],
                neighbourhood=places.get(row.get("attempt__neighbourhood")) or neighbourhood,
                answered=row["answered"],
                correct=row["correct"],
                wrong_choice=choices.get(choice_id),
                wrong_count=wrong_count,
            )
        )
    return sorted(rows, key=order_of_rows)


def most_chosen_wrong(answers, group):
    """Map each group of answers to the wrong choice picked most often, with its count."""
    through = Answer.chosen.through
    picks = (
        through.objects.filter(answer__in=answers, choice__is_correct=False)
        .values("choice", *(f"answer__{name}" for name in group))
        .annotate(times=Count("pk"))
        .order_by()
    )
    found = {}
    for pick in picks:
        key = tuple(pick[f"answer__{name}"] for name in group)
        best = found.get(key)
        if best is None or (pick["times"], -pick["choice"]) > (best[1], -best[0]):
            found[key] = (pick["choice"], pick["times"])
    return found


def order_of_rows(row):
    """Put the lowest share answering correctly first, and withheld rows last."""
    share_correct = row.correct_share if row.correct_share is not None else Decimal(101)
    return (row.suppressed, share_correct, row.question.pk, row.place)
