from .attempts import Answer, Attempt
from .daily import DailyAnswer, DailyQuestion
from .pages import QuizDrawTag, QuizIndexPage, QuizPage, QuizQuestion
from .questions import Choice, Question, QuestionTag, validate_choices

__all__ = [
    "Answer",
    "Attempt",
    "Choice",
    "DailyAnswer",
    "DailyQuestion",
    "Question",
    "QuestionTag",
    "QuizDrawTag",
    "QuizIndexPage",
    "QuizPage",
    "QuizQuestion",
    "validate_choices",
]
