"""The notices a sign-up sets off, each claimed once so a retried task never repeats it."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import VolunteerSignup
from campaigns.notifications import email_committee, text_volunteer
from campaigns.residents import mask_phone
from home.chinese import time_range

Status = VolunteerSignup.Status


def claim(signup_pk, field, **conditions):
    """Mark a notice as sent; return the sign-up if this call won it, else None."""
    rows = VolunteerSignup.objects.filter(pk=signup_pk, **{f"{field}__isnull": True}, **conditions)
    if not rows.update(**{field: timezone.now()}):
        return None
    return VolunteerSignup.objects.select_related("event", "event__neighbourhood").get(pk=signup_pk)


def cancel_url(signup):
    from django.urls import reverse

    return settings.WAGTAILADMIN_BASE_URL + reverse("volunteer_cancel", args=[signup.cancel_token])


def when(event):
    return time_range(event.starts_at, event.ends_at)


def send_signup_confirmation(signup_pk):
    """Tell the volunteer whether they have a place or are on the waiting list."""
    signup = claim(signup_pk, "confirmation_sent_at", status__in=[Status.CONFIRMED, Status.WAITING])
    if signup is None:
        return False
    event = signup.event
    if signup.status == Status.CONFIRMED:
        body = _("You have a place at %(title)s, %(when)s, %(place)s. To cancel: %(url)s")
    else:
        body = _("You are on the waiting list for %(title)s, %(when)s. To cancel: %(url)s")
    values = {"title": event.title, "when": when(event), "place": event.place}
    text_volunteer(signup.phone, event.title, body % {**values, "url": cancel_url(signup)})
    return True


def send_reminder(signup_pk):
    """Remind a confirmed volunteer of tomorrow's activity."""
    signup = claim(signup_pk, "reminder_sent_at", status=Status.CONFIRMED)
    if signup is None:
        return False
    event = signup.event
    body = _("Reminder: %(title)s starts %(when)s at %(place)s. Please sign in when you arrive.")
    text_volunteer(
        signup.phone,
        event.title,
        body % {"title": event.title, "when": time_range(event.starts_at), "place": event.place},
    )
    return True


def notify_committee_of_signup(signup_pk):
    """Tell the committee that a resident signed up for its activity."""
    signup = claim(signup_pk, "committee_notified_at")
    if signup is None:
        return False
    subject = _("New sign-up: %(title)s") % {"title": signup.event.title}
    body = _("%(name)s (%(phone)s) signed up; status: %(status)s.") % {
        "name": signup.name,
        "phone": mask_phone(signup.phone),
        "status": signup.get_status_display(),
    }
    email_committee(signup.event.neighbourhood, subject, body)
    return True


def announce_signup(signup_pk):
    """Send both notices of a new sign-up; the committee hears of it even if the text fails."""
    try:
        send_signup_confirmation(signup_pk)
    finally:
        notify_committee_of_signup(signup_pk)


def notify_committee_of_cancellation(signup_pk):
    """Tell the committee that a resident cancelled."""
    signup = claim(signup_pk, "cancellation_notified_at", status=Status.CANCELLED)
    if signup is None:
        return False
    subject = _("Cancellation: %(title)s") % {"title": signup.event.title}
    body = _("%(name)s (%(phone)s) cancelled their sign-up.") % {
        "name": signup.name,
        "phone": mask_phone(signup.phone),
    }
    email_committee(signup.event.neighbourhood, subject, body)
    return True


def tell_of_cancelled_event(signup_pk):
    """Tell a volunteer with a place or on the waiting list that the activity is cancelled."""
    signup = claim(
        signup_pk,
        "event_cancelled_sent_at",
        status__in=[Status.CONFIRMED, Status.WAITING],
        event__status="cancelled",
    )
    if signup is None:
        return False
    event = signup.event
    body = _("%(title)s on %(when)s is cancelled. We are sorry; you need not come.")
    text_volunteer(signup.phone, event.title, body % {"title": event.title, "when": when(event)})
    return True


def signups_of_cancelled_event(event_pk):
    """Return the sign-ups still to be told that their activity is cancelled."""
    return VolunteerSignup.objects.filter(
        event_id=event_pk,
        event__status="cancelled",
        status__in=[Status.CONFIRMED, Status.WAITING],
        event_cancelled_sent_at__isnull=True,
    ).values_list("pk", flat=True)


def signups_to_remind(today=None):
    """Return the confirmed sign-ups for live activities starting tomorrow, not yet reminded."""
    tomorrow = (today or timezone.localdate()) + datetime.timedelta(days=1)
    return VolunteerSignup.objects.filter(
        status=Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__live=True,
        event__status="planned",
        event__starts_at__date=tomorrow,
    ).values_list("pk", flat=True)
