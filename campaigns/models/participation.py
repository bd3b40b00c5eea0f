"""The append-only participation log that every act of taking part writes one row to."""

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Participation(models.Model):
    class Kind(models.TextChoices):
        QUIZ = "quiz", _("Quiz")
        PLEDGE = "pledge", _("Pledge")
        VOLUNTEER_SIGNUP = "volunteer_signup", _("Volunteer sign-up")
        VOLUNTEER_ATTENDANCE = "volunteer_attendance", _("Volunteer attendance")
        VISIT = "visit", _("Poster visit")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    neighbourhood = models.ForeignKey(
        "campaigns.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("neighbourhood"),
    )
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("campaign"),
    )
    participant = models.CharField(_("participant key"), max_length=64, blank=True, db_index=True)
    weight = models.DecimalField(_("weight"), max_digits=7, decimal_places=2, default=Decimal(1))
    # The percentage a quiz act scored, so reach reports can average it without the quiz tables.
    score = models.DecimalField(
        _("score (%)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["neighbourhood", "occurred_at"]),
            models.Index(fields=["campaign", "occurred_at"]),
            models.Index(fields=["kind", "occurred_at"]),
        ]
        constraints = [
            # One act, one row: recording the same source twice is a no-op.
            models.UniqueConstraint(
                fields=["kind", "source_type", "source_id"], name="one_participation_per_source"
            ),
            # A correction of volunteer hours is logged as a further row, possibly negative.
            models.CheckConstraint(
                condition=~models.Q(weight=0), name="participation_weight_not_zero"
            ),
        ]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("The participation log is append-only.")
        super().save(*args, **kwargs)


def record_participation(
    kind,
    *,
    neighbourhood=None,
    campaign=None,
    participant="",
    weight=1,
    score=None,
    source=None,
    at=None,
):
    """Write one row to the participation log, or return the row already written for source."""
    row = Participation(
        kind=kind,
        neighbourhood=neighbourhood,
        campaign=campaign,
        participant=participant or "",
        weight=Decimal(str(weight)),
        score=score,
        occurred_at=at or timezone.now(),
    )
    if source is not None:
        row.source = source
    row.pk = insert_once(row)
    if row.pk is None:
        return Participation.objects.get(
            kind=kind,
            source_type=ContentType.objects.get_for_model(source),
            source_id=source.pk,
        )
    row._state.adding = False
    return row


def insert_once(row):
    """Insert the row unless its source is logged already; return its id, or None if it was.

    One statement, where saving inside a savepoint and catching the clash would take three:
    every form residents post writes here.
    """
    fields = [field for field in Participation._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    table, pk = quote(Participation._meta.db_table), quote(Participation._meta.pk.column)
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Names from the model's own meta; every value goes as a parameter.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) ON CONFLICT DO NOTHING"  # noqa: S608
    sql += f" RETURNING {pk}"
    values = [field.get_db_prep_save(getattr(row, field.attname), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        inserted = cursor.fetchone()
    return inserted[0] if inserted else None
