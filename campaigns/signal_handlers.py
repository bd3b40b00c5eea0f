"""Signal handlers of the campaigns app."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from campaign_site.celery import delay_on_commit
from campaigns.models import Neighbourhood, Town, VolunteerEventPage
from campaigns.residents import forget_neighbourhood_directory
from home.tasks import update_search_index


def follow_room_on_move(sender, instance, parent_page_after, **kwargs):
    # Wagtail saves only the base Page row on a move, so the event's own save never runs.
    VolunteerEventPage.objects.filter(pk=instance.pk).update(
        neighbourhood_id=parent_page_after.specific.neighbourhood_id
    )


def note_town_before_save(sender, instance, **kwargs):
    instance._town_before = (
        Neighbourhood.objects.filter(pk=instance.pk).values_list("town_id", flat=True).first()
        if instance.pk
        else None
    )


def recount_reach_when_town_changes(sender, instance, created, **kwargs):
    """A neighbourhood moved to another town: its residents' town tallies are recounted."""
    before = getattr(instance, "_town_before", None)
    if not created and before is not None and before != instance.town_id:
        from campaigns.tasks import recount_reach_of_place

        transaction.on_commit(lambda: recount_reach_of_place.delay(instance.pk))


def announce_if_cancelled(sender, instance, **kwargs):
    """An activity published as cancelled: its volunteers are told, each once."""
    if instance.status == VolunteerEventPage.Status.CANCELLED:
        from campaigns.tasks import announce_cancelled_event

        transaction.on_commit(lambda: announce_cancelled_event.delay(instance.pk))


def reindex_room(sender, instance, **kwargs):
    """An activity published or withdrawn: its room, found by its activities, is indexed again."""
    delay_on_commit(update_search_index, instance.get_parent().pk)


def register_signal_handlers():
    pre_save.connect(note_town_before_save, sender=Neighbourhood, dispatch_uid="campaigns.town")
    post_save.connect(
        recount_reach_when_town_changes, sender=Neighbourhood, dispatch_uid="campaigns.retown"
    )
    for model in (Neighbourhood, Town):
        for signal in (post_save, post_delete):
            signal.connect(
                forget_neighbourhood_directory,
                sender=model,
                dispatch_uid=f"campaigns.directory.{model.__name__}.{signal}",
            )
    post_page_move.connect(
        follow_room_on_move, sender=VolunteerEventPage, dispatch_uid="campaigns.follow_room"
    )
    page_published.connect(
        announce_if_cancelled, sender=VolunteerEventPage, dispatch_uid="campaigns.cancelled_event"
    )
    for signal in (page_published, page_unpublished):
        signal.connect(
            reindex_room, sender=VolunteerEventPage, dispatch_uid=f"campaigns.room_index.{signal}"
        )
