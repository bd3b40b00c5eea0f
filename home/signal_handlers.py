"""Signal handlers of the home app."""

from wagtail.signals import page_published

from campaign_site.celery import delay_on_commit
from home.tasks import update_search_index


def reindex_on_publish(sender, instance, **kwargs):
    # Wagtail indexes a page when its row is saved, before its tags are; index again on commit.
    delay_on_commit(update_search_index, instance.pk)


def register_signal_handlers():
    page_published.connect(reindex_on_publish, dispatch_uid="home.reindex_on_publish")
