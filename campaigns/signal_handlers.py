"""Signal handlers of the campaigns app."""

from wagtail.signals import post_page_move

from campaigns.models import VolunteerEventPage


def follow_room_on_move(sender, instance, parent_page_after, **kwargs):
    # Wagtail saves only the base Page row on a move, so the event's own save never runs.
    VolunteerEventPage.objects.filter(pk=instance.pk).update(
        neighbourhood_id=parent_page_after.specific.neighbourhood_id
    )


def register_signal_handlers():
    post_page_move.connect(
        follow_room_on_move, sender=VolunteerEventPage, dispatch_uid="campaigns.follow_room"
    )
