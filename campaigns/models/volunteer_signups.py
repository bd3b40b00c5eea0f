"""Residents' sign-ups for volunteer activities, with their attendance and hours."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_cancel_token():
    return secrets.token_urlsafe(24)


class VolunteerSignup(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        "campaigns.VolunteerEventPage",
        on_delete=models.CASCADE,
        related_name="signups",
        verbose_name=_("activity"),
    )
    name = models.CharField(_("name"), max_length=20, blank=True)
    # Kept so the committee can reach the volunteer; blanked by the retention purge.
    phone = models.CharField(_("mobile number"), max_length=11, blank=True)
    participant = models.CharField(_("participant key"), max_length=64, editable=False)
    neighbourhood = models.ForeignKey(
        "campaigns.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="volunteer_signups",
        verbose_name=_("neighbourhood"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    signed_up_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    cancel_token = models.CharField(max_length=40, unique=True, default=new_cancel_token)
    checked_in_at = models.DateTimeField(_("signed in at"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("signed out at"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, null=True, blank=True)
    assisted = models.BooleanField(_("entered from a paper sheet"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attendance corrected by"),
    )
    corrected_at = models.DateTimeField(_("attendance corrected at"), null=True, blank=True)
    # Each notice is claimed by setting its time, so a retried task never sends it twice.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    committee_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancellation_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    event_cancelled_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    purged_at = models.DateTimeField(_("contact details purged at"), null=True, editable=False)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["event", "signed_up_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "participant"], name="one_signup_per_resident_per_event"
            )
        ]
        indexes = [models.Index(fields=["event", "status", "signed_up_at"])]
        verbose_name = _("volunteer sign-up")
        verbose_name_plural = _("volunteer sign-ups")

    def __str__(self):
        return f"{self.name or '—'} · {self.event}"

    @property
    def attended(self):
        return self.hours is not None


class AttendanceCorrection(models.Model):
    """One hand correction of a volunteer's hours, kept so the log can follow it."""

    signup = models.ForeignKey(
        VolunteerSignup,
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("volunteer sign-up"),
    )
    hours_before = models.DecimalField(
        _("hours before"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    hours_after = models.DecimalField(
        _("hours after"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("attendance corrected by"),
    )
    corrected_at = models.DateTimeField(_("attendance corrected at"), default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["signup", "corrected_at", "pk"]
        verbose_name = _("attendance correction")
        verbose_name_plural = _("attendance corrections")

    def __str__(self):
        return f"{self.signup}: {self.hours_before} → {self.hours_after}"
