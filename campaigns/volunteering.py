"""Signing up for volunteer activities, the waiting list, check-in, hours and the purge."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone

from campaign_site.celery import delay_on_commit
from campaigns.models import (
    AttendanceCorrection,
    Participation,
    VolunteerEventPage,
    VolunteerSignup,
    record_participation,
)
from campaigns.models.volunteer_signups import new_cancel_token
from campaigns.residents import normalise_phone, participant_key

Status = VolunteerSignup.Status
TENTH = Decimal("0.1")
PLACES_AND_SIGNUP = """
    SELECT e.capacity,
           (SELECT COUNT(*) FROM {signups} c WHERE c.event_id = e.page_ptr_id AND c.status = %s),
           s.id, s.status
    FROM {events} e
    LEFT JOIN {signups} s ON s.event_id = e.page_ptr_id AND s.participant = %s
    WHERE e.page_ptr_id = %s
"""


class CheckInRefused(Exception):
    """Raised with a reason code when a check-in or check-out cannot be taken."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def sign_up(event, *, name, neighbourhood, phone):
    """Give the resident a place or a waiting-list spot; a repeat keeps the existing row."""
    from campaigns import tasks

    key = participant_key(phone)
    with transaction.atomic():
        # Locking the event's own row serialises sign-ups for it, so the confirmed count cannot
        # overshoot. The count is read by a later statement, which sees every sign-up committed
        # while this one waited for the lock; one statement locking and counting would not.
        VolunteerEventPage.objects.select_for_update().filter(pk=event.pk).values("pk").get()
        capacity, confirmed, signup_pk, signup_status = places_and_signup(event, key)
        if signup_pk is not None and signup_status != Status.CANCELLED:
            return VolunteerSignup.objects.get(pk=signup_pk), False
        status = Status.CONFIRMED if confirmed < capacity else Status.WAITING
        if signup_pk is None:
            signup = VolunteerSignup(event=event, participant=key)
        else:
            signup = VolunteerSignup.objects.get(pk=signup_pk)
        signup.name, signup.phone, signup.neighbourhood = (
            name,
            normalise_phone(phone),
            neighbourhood,
        )
        signup.status, signup.signed_up_at = status, timezone.now()
        signup.cancel_token = new_cancel_token()
        signup.confirmation_sent_at = signup.reminder_sent_at = None
        signup.committee_notified_at = signup.cancellation_notified_at = None
        signup.save()
        record_signup(signup, event)
        delay_on_commit(tasks.announce_signup, signup.pk)
    return signup, True


def record_signup(signup, event):
    """Log the sign-up once in the participation log, whatever happens to it later."""
    record_participation(
        Participation.Kind.VOLUNTEER_SIGNUP,
        neighbourhood=signup.neighbourhood,
        campaign=event.campaign,
        participant=signup.participant,
        source=signup,
        at=signup.signed_up_at,
    )


def confirmed_count(event):
    return event.signups.filter(status=Status.CONFIRMED).count()


def places_and_signup(event, participant):
    """Return the event's capacity, its confirmed count and the resident's sign-up id and status
    (None, None without one), in one query.

    Written out, because every sign-up asks it while holding the event's lock, and building the
    same query with the ORM took several times as long as running it.
    """
    quote = connection.ops.quote_name
    sql = PLACES_AND_SIGNUP.format(  # noqa: S608 (table names from meta; values are parameters)
        events=quote(VolunteerEventPage._meta.db_table),
        signups=quote(VolunteerSignup._meta.db_table),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [Status.CONFIRMED, participant, event.pk])
        return cursor.fetchone()


def cancel(signup):
    """Cancel a sign-up and give its place to the first on the waiting list; return that one."""
    from campaigns import tasks

    with transaction.atomic():
        event = VolunteerEventPage.objects.select_for_update().get(pk=signup.event_id)
        signup = VolunteerSignup.objects.get(pk=signup.pk)
        if signup.status == Status.CANCELLED:
            return None
        was_confirmed = signup.status == Status.CONFIRMED
        signup.status = Status.CANCELLED
        signup.save(update_fields=["status"])
        delay_on_commit(tasks.notify_committee_of_cancellation, signup.pk)
        promoted = promote_waiting(event) if was_confirmed else None
    return promoted


def promote_waiting(event):
    """Confirm the longest-waiting resident if a place is free; return them or None."""
    from campaigns import tasks

    if confirmed_count(event) >= event.capacity:
        return None
    first = event.signups.filter(status=Status.WAITING).order_by("signed_up_at", "pk").first()
    if first is None:
        return None
    first.status = Status.CONFIRMED
    first.confirmation_sent_at = None
    first.save(update_fields=["status", "confirmation_sent_at"])
    delay_on_commit(tasks.send_signup_confirmation, first.pk)
    return first


def checkin_window(event):
    """Return the span in which the check-in page takes sign-ins and sign-outs."""
    margin = datetime.timedelta(minutes=settings.VOLUNTEER_CHECKIN_MARGIN_MINUTES)
    return event.starts_at - margin, event.ends_at + margin


def checkin_open(event, at=None):
    start, end = checkin_window(event)
    return event.status != event.Status.CANCELLED and start <= (at or timezone.now()) <= end


def check_in_or_out(event, phone, at=None):
    """Sign the volunteer in, or out if already in; return ("in"|"out", signup)."""
    at = at or timezone.now()
    if not checkin_open(event, at):
        raise CheckInRefused("closed")
    with transaction.atomic():
        signup = (
            VolunteerSignup.objects.select_for_update()
            .filter(event=event, participant=participant_key(phone))
            .first()
        )
        if signup is None or signup.status != Status.CONFIRMED:
            raise CheckInRefused("not_signed_up")
        if signup.checked_in_at is None:
            signup.checked_in_at = at
            signup.save(update_fields=["checked_in_at"])
            return "in", signup
        if signup.checked_out_at is not None:
            raise CheckInRefused("already_out")
        signup.checked_out_at = at
        signup.hours = hours_between(event, signup.checked_in_at, at)
        signup.save(update_fields=["checked_out_at", "hours"])
        record_attendance(signup, event)
        return "out", signup


def hours_between(event, start, end):
    """Return the hours from start to end, to a tenth, capped at the activity's credit."""
    hours = Decimal((end - start).total_seconds()) / 3600
    return min(hours.quantize(TENTH, rounding=ROUND_HALF_UP), event.credited_hours)


def record_attendance(signup, event=None):
    """Write the attendance to the participation log, weighted by its hours, once."""
    event = event or signup.event
    if not signup.hours or signup.hours <= 0:
        return None
    return record_participation(
        Participation.Kind.VOLUNTEER_ATTENDANCE,
        neighbourhood=signup.neighbourhood,
        campaign=event.campaign,
        participant=signup.participant,
        weight=signup.hours,
        source=signup,
        at=signup.checked_out_at or event.ends_at,
    )


def enter_paper_attendance(event, *, name, neighbourhood, phone, hours, entered_by):
    """Record one line of a paper sign-in sheet: a confirmed, assisted sign-up with hours."""
    key = participant_key(phone)
    with transaction.atomic():
        signup, _ = VolunteerSignup.objects.select_for_update().get_or_create(
            event=event,
            participant=key,
            defaults={
                "name": name,
                "phone": normalise_phone(phone),
                "neighbourhood": neighbourhood,
                "status": Status.CONFIRMED,
                "assisted": True,
                "entered_by": entered_by,
                "signed_up_at": event.starts_at,
                # Notices are for residents who signed up themselves, not for a past sheet.
                "confirmation_sent_at": timezone.now(),
                "committee_notified_at": timezone.now(),
            },
        )
        signup.status = Status.CONFIRMED
        signup.hours = min(Decimal(hours), event.credited_hours)
        signup.assisted, signup.entered_by = True, entered_by
        signup.save()
        record_signup(signup, event)
        record_attendance(signup, event)
    return signup


def hours_may_be_recorded(event, at=None):
    """Return whether attendance and hours may be entered: only once the activity has begun."""
    return (at or timezone.now()) >= event.starts_at


def record_roster(lines, *, corrected_by):
    """Set the hours of each (sign-up, hours) line in one go, each logged as a correction is."""
    with transaction.atomic():
        return [correct_attendance(s, hours=h, corrected_by=corrected_by) for s, h in lines]


def correct_attendance(signup, *, hours, corrected_by):
    """Set a volunteer's hours by hand, keeping who changed them and logging the difference."""
    with transaction.atomic():
        signup = (
            VolunteerSignup.objects.select_for_update().select_related("event").get(pk=signup.pk)
        )
        hours = min(hours, signup.event.credited_hours) if hours is not None else None
        correction = AttendanceCorrection.objects.create(
            signup=signup, hours_before=signup.hours, hours_after=hours, corrected_by=corrected_by
        )
        signup.hours = hours
        signup.corrected_by, signup.corrected_at = corrected_by, correction.corrected_at
        signup.save(update_fields=["hours", "corrected_by", "corrected_at"])
        log_correction(signup, correction)
    return signup


def log_correction(signup, correction):
    """Bring the hours in the append-only log level with the corrected hours.

    The difference is dated with the attendance it corrects, so the hours of a day's activity
    stay on that day however late they are corrected.
    """
    logged = logged_hours(signup)
    if logged is None:
        record_attendance(signup)
        return
    difference = (signup.hours or 0) - logged
    if difference:
        record_participation(
            Participation.Kind.VOLUNTEER_ATTENDANCE,
            neighbourhood=signup.neighbourhood,
            campaign=signup.event.campaign,
            participant=signup.participant,
            weight=difference,
            source=correction,
            at=attendance_logged(signup).occurred_at,
        )


def attendance_logged(signup):
    """Return the log row of the sign-up's attendance, or None if it logged none."""
    return Participation.objects.filter(
        kind=Participation.Kind.VOLUNTEER_ATTENDANCE,
        source_type=ContentType.objects.get_for_model(VolunteerSignup),
        source_id=signup.pk,
    ).first()


def logged_hours(signup):
    """Return the hours the log holds for this sign-up, or None if it logged no attendance."""
    rows = Participation.objects.filter(kind=Participation.Kind.VOLUNTEER_ATTENDANCE).filter(
        Q(source_type=ContentType.objects.get_for_model(VolunteerSignup), source_id=signup.pk)
        | Q(
            source_type=ContentType.objects.get_for_model(AttendanceCorrection),
            source_id__in=signup.corrections.values("pk"),
        )
    )
    return rows.aggregate(total=Sum("weight"))["total"]


def purge_contact_details(now=None):
    """Blank names and phones of sign-ups whose activity ended past the retention period."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.DATA_RETENTION_DAYS)
    return VolunteerSignup.objects.filter(event__ends_at__lt=cutoff, purged_at__isnull=True).update(
        name="", phone="", purged_at=now
    )
