"""Celery tasks of the quizzes app: thin wrappers over plain functions."""

from celery import shared_task
from wagtail.search import index


@shared_task(ignore_result=True)
def update_question_index(question_id):
    """Re-index a question once its choices and topics are saved."""
    from quizzes.models import Question

    question = Question.objects.filter(pk=question_id).first()
    if question is not None:
        index.insert_or_update_object(question)
