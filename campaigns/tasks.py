"""Celery tasks for volunteering: thin wrappers that take primary keys."""

from celery import shared_task

from campaigns import reach, volunteer_notices, volunteering


@shared_task
def send_signup_confirmation(signup_pk):
    return volunteer_notices.send_signup_confirmation(signup_pk)


@shared_task
def notify_committee_of_signup(signup_pk):
    return volunteer_notices.notify_committee_of_signup(signup_pk)


@shared_task
def announce_signup(signup_pk):
    """Send both notices of a new sign-up from one queued message rather than two."""
    return volunteer_notices.announce_signup(signup_pk)


@shared_task
def notify_committee_of_cancellation(signup_pk):
    return volunteer_notices.notify_committee_of_cancellation(signup_pk)


@shared_task
def send_reminder(signup_pk):
    return volunteer_notices.send_reminder(signup_pk)


@shared_task
def send_reminders():
    """Queue a reminder for everyone confirmed for an activity tomorrow."""
    pks = list(volunteer_notices.signups_to_remind())
    for pk in pks:
        send_reminder.delay(pk)
    return len(pks)


@shared_task
def tell_of_cancelled_event(signup_pk):
    return volunteer_notices.tell_of_cancelled_event(signup_pk)


@shared_task
def announce_cancelled_event(event_pk):
    """Queue a text for each volunteer of an activity that was published as cancelled."""
    pks = list(volunteer_notices.signups_of_cancelled_event(event_pk))
    for pk in pks:
        tell_of_cancelled_event.delay(pk)
    return len(pks)


@shared_task
def purge_volunteer_contacts():
    return volunteering.purge_contact_details()


@shared_task
def roll_up_reach():
    """Fold new participation into the reach rollups (beat, every minute by default)."""
    return reach.roll_up()


@shared_task
def recount_reach_of_place(neighbourhood_pk):
    """Recount the reach tallies of a neighbourhood's residents after it moved town."""
    return reach.recount_place(neighbourhood_pk)
