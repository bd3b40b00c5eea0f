"""Build the demo question bank and quizzes, adding only what is missing so it can run again."""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Site

from campaigns.demo.pages import add_published, child_by_slug, rich_text
from campaigns.models import CampaignPage, RegulationPage
from campaigns.roles import PUBLICITY_STAFF
from quizzes.demo import attempts, quizzes
from quizzes.demo.questions import QUESTIONS
from quizzes.demo.topics import TOPICS
from quizzes.models import Choice, Question, QuizIndexPage, QuizPage, QuizQuestion, validate_choices
from quizzes.roles import grant_quiz_bank


@transaction.atomic
def build_quiz_demo():
    """Load the demo quizzes and residents' attempts; return how many this run created."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    bank, created = build_questions()
    index = child_by_slug(home, quizzes.INDEX["slug"]) or add_published(home, new_index())
    added = sum(build_quiz(data, index, bank) for data in quizzes.QUIZZES)
    for group in Group.objects.filter(name=PUBLICITY_STAFF):
        grant_quiz_bank(group)
    taken = attempts.take_quizzes()
    return {"questions 题目": created, "quizzes 问答": added, "attempts 答题": taken}


def build_questions():
    """Create the missing questions; return every demo question by (regulation, article)."""
    regulations = {page.slug: page for page in RegulationPage.objects.all()}
    texts = [data["text"] for data in QUESTIONS]
    existing = {question.text: question for question in Question.objects.filter(text__in=texts)}
    bank, created = {}, 0
    for data in QUESTIONS:
        question = existing.get(data["text"])
        if question is None:
            question = new_question(data, regulations[data["regulation"]])
            created += 1
        bank.setdefault((data["regulation"], data["article"]), []).append(question)
    return bank, created


def new_question(data, regulation):
    """Save and return a question built from demo data."""
    pairs = [(choice.lstrip("*"), choice.startswith("*")) for choice in data["choices"]]
    validate_choices(data["kind"], pairs)
    question = Question(
        text=data["text"],
        kind=data["kind"],
        difficulty=data["difficulty"],
        explanation=data["explanation"],
        regulation=regulation,
        article_number=data["article"],
    )
    question.choices = [
        Choice(text=t, is_correct=c, sort_order=i) for i, (t, c) in enumerate(pairs)
    ]
    question.tags.add(TOPICS[data["regulation"]], *data.get("topics", []))
    question.full_clean()
    question.save()
    return question


def new_index():
    return QuizIndexPage(
        title=quizzes.INDEX["title"],
        slug=quizzes.INDEX["slug"],
        intro=rich_text(quizzes.INDEX["intro"]),
        show_in_menus=True,
    )


def build_quiz(data, index, bank):
    """Create one demo quiz under its campaign or the quiz index; return 1 if it was new."""
    parent = index
    if data["parent"]:
        parent = CampaignPage.objects.filter(slug=data["parent"]).first()
    if parent is None or child_by_slug(parent, data["slug"]):
        return 0
    add_published(parent, new_quiz(data, bank))
    return 1


def new_quiz(data, bank):
    """Return an unsaved quiz page built from data."""
    quiz = QuizPage(
        title=data["title"],
        slug=data["slug"],
        intro=rich_text(data["intro"]),
        shuffle_choices=True,
        time_limit=data["time_limit"],
        attempts_per_day=data["attempts_per_day"],
    )
    if "draw_count" in data:
        quiz.selection = QuizPage.Selection.RANDOM
        quiz.draw_count = data["draw_count"]
        quiz.draw_tags.add(*data["draw_tags"])
        return quiz
    picked = [question for key in data["questions"] for question in bank[key]]
    quiz.quiz_questions = [QuizQuestion(question=q, sort_order=i) for i, q in enumerate(picked)]
    return quiz
