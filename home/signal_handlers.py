"""Signal handlers of the home app."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from campaign_site.celery import delay_on_commit
from home import page_cache
from home.models import SETTINGS_KEY, SiteSettings
from home.tasks import update_search_index

# Besides pages, what public pages show and staff edit: a change makes stored pages stale.
SHOWN_ON_PAGES = [
    "campaigns.Neighbourhood",
    "campaigns.Town",
    "home.SiteSettings",
    "quizzes.Question",
    "quizzes.DailyQuestion",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailcore.Site",
    # A page made private must stop being served from the cache at once.
    "wagtailcore.PageViewRestriction",
]


def reindex_on_publish(sender, instance, **kwargs):
    # Wagtail indexes a page when its row is saved, before its tags are; index again on commit.
    delay_on_commit(update_search_index, instance.pk)


def invalidate_pages(**kwargs):
    page_cache.invalidate()
    # Again once the change is committed: a page read before then may be stored under the new
    # generation, such as a page made private, read while its restriction was not yet committed.
    transaction.on_commit(page_cache.invalidate)


def forget_site_settings(**kwargs):
    cache.delete(SETTINGS_KEY)


def register_signal_handlers():
    for signal in (post_save, post_delete):
        signal.connect(
            forget_site_settings, sender=SiteSettings, dispatch_uid=f"home.settings.{signal}"
        )
    page_published.connect(reindex_on_publish, dispatch_uid="home.reindex_on_publish")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate_pages, dispatch_uid=f"home.page_cache.{signal}")
    # Named senders only: a receiver for every model would stop Django's fast bulk deletes.
    for model in [*SHOWN_ON_PAGES, *get_page_models()]:
        post_delete.connect(invalidate_pages, sender=model, dispatch_uid=f"home.deleted.{model}")
    for model in SHOWN_ON_PAGES:
        post_save.connect(invalidate_pages, sender=model, dispatch_uid=f"home.saved.{model}")
