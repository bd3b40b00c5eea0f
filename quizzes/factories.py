"""factory_boy factories for the question bank and quiz pages."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from quizzes import models

DEFAULT_CHOICES = {
    models.Question.Kind.SINGLE: [("可回收物", True), ("厨余垃圾", False), ("其他垃圾", False)],
    models.Question.Kind.MULTIPLE: [
        ("废电池", True),
        ("过期药品", True),
        ("菜叶", False),
        ("卫生纸", False),
    ],
    models.Question.Kind.TRUE_FALSE: [("正确", True), ("错误", False)],
}


class QuestionFactory(DjangoModelFactory):
    text = factory.Sequence(lambda n: f"第{n}题：废纸箱应投放到哪类垃圾桶？")
    kind = models.Question.Kind.SINGLE
    explanation = "纸箱属于可回收物，应压扁后投放。"
    difficulty = models.Question.Difficulty.MEDIUM

    class Meta:
        model = models.Question
        skip_postgeneration_save = True

    @factory.post_generation
    def choices(question, create, extracted, **kwargs):
        """Give the question choices: (text, is_correct) pairs, or the default for its kind."""
        pairs = extracted if extracted is not None else DEFAULT_CHOICES[question.kind]
        for order, (text, is_correct) in enumerate(pairs):
            models.Choice.objects.create(
                question=question, text=text, is_correct=is_correct, sort_order=order
            )

    @factory.post_generation
    def tags(question, create, extracted, **kwargs):
        if extracted:
            question.tags.add(*extracted)
            question.save()


class QuizIndexPageFactory(wagtail_factories.PageFactory):
    title = "知识问答"
    slug = "quizzes"
    show_in_menus = True

    class Meta:
        model = models.QuizIndexPage


class QuizPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"垃圾分类知识问答{n}")
    slug = factory.Sequence(lambda n: f"quiz-{n}")
    intro = "<p>答题了解垃圾分类的规定。</p>"
    shuffle_choices = False
    pass_mark = 60
    attempts_per_day = 3

    class Meta:
        model = models.QuizPage
        skip_postgeneration_save = True

    @factory.post_generation
    def questions(quiz, create, extracted, **kwargs):
        """Put the given questions on the quiz's fixed list, in order."""
        for order, question in enumerate(extracted or []):
            models.QuizQuestion.objects.create(page=quiz, question=question, sort_order=order)

    @factory.post_generation
    def draw_tags(quiz, create, extracted, **kwargs):
        if extracted:
            quiz.draw_tags.add(*extracted)
            quiz.save()


class DailyQuestionFactory(DjangoModelFactory):
    date = factory.Faker("date_object")
    question = factory.SubFactory(QuestionFactory)

    class Meta:
        model = models.DailyQuestion
