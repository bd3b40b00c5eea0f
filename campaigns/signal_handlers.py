"""Signal handlers of the campaigns app."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import post_page_move

from campaigns.models import Neighbourhood, Town, VolunteerEventPage
from campaigns.residents import forget_neighbourhood_directory


def follow_room_on_move(sender, instance, parent_page_after, **kwargs):
    # Wagtail saves only the base Page row on a move, so the event's own save never runs.
    VolunteerEventPage.objects.filter(pk=instance.pk).update(
        neighbourhood_id=parent_page_after.specific.neighbourhood_id
    )


def register_signal_handlers():
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
