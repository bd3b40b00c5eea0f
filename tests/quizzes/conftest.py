"""Fixtures for the quizzes app: a regulation to cite, a question bank and a campaign quiz."""

import re
from urllib.parse import urlsplit

import pytest

from campaigns import factories as campaign_factories
from quizzes import factories
from quizzes.attempts import drawn_answers
from quizzes.models import Attempt, Question

CHOICE_VALUE = re.compile(r'name="(question-\d+)" value="([A-F])"')


@pytest.fixture
def neighbourhood(db):
    return campaign_factories.NeighbourhoodFactory(name="澄湖社区")


@pytest.fixture
def other_neighbourhood(db):
    return campaign_factories.NeighbourhoodFactory(name="向阳社区")


@pytest.fixture
def regulation(regulation_index):
    return campaign_factories.RegulationPageFactory(
        parent=regulation_index, title="南昌县生活垃圾分类管理办法"
    )


@pytest.fixture
def campaign(campaign_index):
    return campaign_factories.CampaignPageFactory(parent=campaign_index, title="垃圾分类进社区")


@pytest.fixture
def single(regulation):
    return factories.QuestionFactory(
        text="废纸箱应当投放到哪种颜色的收集容器？",
        choices=[
            ("蓝色（可回收物）", True),
            ("绿色（厨余垃圾）", False),
            ("灰色（其他垃圾）", False),
        ],
        regulation=regulation,
        article_number=12,
        explanation="纸箱是可回收物，压扁后投入蓝色桶。",
        tags=["垃圾分类"],
    )


@pytest.fixture
def multiple(regulation):
    return factories.QuestionFactory(
        text="下列哪些属于有害垃圾？",
        kind=Question.Kind.MULTIPLE,
        choices=[("废电池", True), ("过期药品", True), ("菜叶", False), ("卫生纸", False)],
        regulation=regulation,
        article_number=3,
        explanation="废电池、过期药品属于有害垃圾。",
        tags=["垃圾分类"],
    )


@pytest.fixture
def true_false(regulation):
    return factories.QuestionFactory(
        text="厨余垃圾可以连同塑料袋一起投入绿色桶。",
        kind=Question.Kind.TRUE_FALSE,
        choices=[("正确", False), ("错误", True)],
        regulation=regulation,
        article_number=12,
        explanation="应当破袋投放，袋子投入其他垃圾桶。",
        tags=["垃圾分类"],
    )


@pytest.fixture
def quiz(campaign, single, multiple, true_false):
    return factories.QuizPageFactory(
        parent=campaign, title="垃圾分类知识问答", questions=[single, multiple, true_false]
    )


def start(client, quiz, neighbourhood, **fields):
    """Start an attempt as a resident and return it."""
    response = client.post(quiz.url, {"neighbourhood": neighbourhood.pk, **fields})
    assert response.status_code == 302, response.content.decode()[:2000]
    path = urlsplit(response["Location"]).path
    return Attempt.objects.get(token=path.rstrip("/").rsplit("/", 1)[-1])


def letters(attempt, *, right=True):
    """Return the letters that answer every question of the attempt rightly, or wrongly."""
    fields = {}
    for answer in drawn_answers(attempt):
        picks = [letter for letter, c in answer.options if c.is_correct == right]
        if not right and answer.question.kind != Question.Kind.MULTIPLE:
            picks = picks[:1]
        fields[f"question-{answer.question_id}"] = picks
    return fields
