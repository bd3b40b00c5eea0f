"""Celery tasks of the home app: thin wrappers over plain functions."""

from celery import shared_task

from home.search import reindex_page


@shared_task(ignore_result=True)
def update_search_index(page_id):
    """Re-index a published page once its tags and other child rows are saved."""
    reindex_page(page_id)
