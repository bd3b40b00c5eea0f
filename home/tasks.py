"""Celery tasks of the home app: thin wrappers over plain functions."""

from celery import shared_task
from django.core.management import call_command

from home.search import reindex_page


@shared_task(ignore_result=True)
def update_search_index(page_id):
    """Re-index a published page once its tags and other child rows are saved."""
    reindex_page(page_id)


@shared_task(ignore_result=True)
def publish_scheduled():
    """Publish and unpublish pages whose scheduled time has come (beat, every minute)."""
    call_command("publish_scheduled")


@shared_task(ignore_result=True)
def clear_sessions():
    """Remove expired sessions (beat, nightly)."""
    call_command("clearsessions")
