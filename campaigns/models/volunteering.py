"""Volunteer pages: the county index, one room per neighbourhood's committee, and its events."""

import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.search import SegmentedSearchMixin

# The standard wording is interface text, shown in the visitor's language; an activity's own
# wording is content, written in Chinese.
DEFAULT_CONSENT = _(
    "I agree that this platform keeps my name, mobile number and neighbourhood to contact me "
    "about the activity, check me in and count volunteer hours; my mobile number is given only "
    "to my neighbourhood committee and deleted within the set period after the activity."
)


def new_checkin_token():
    return secrets.token_urlsafe(18)


class VolunteerIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.NeighbourhoodVolunteerPage"]
    max_count = 1

    # Names the section in the menu and home tiles when the interface is not Chinese.
    menu_label = _("Volunteering")

    class Meta:
        verbose_name = _("volunteer index")

    def get_context(self, request, *args, **kwargs):
        from campaigns.volunteer_listing import upcoming_events_context

        context = super().get_context(request, *args, **kwargs)
        context["neighbourhood_pages"] = (
            NeighbourhoodVolunteerPage.objects.child_of(self)
            .live()
            .select_related("neighbourhood__town")
            .order_by("neighbourhood__town__sort_order", "neighbourhood__name")
        )
        context.update(upcoming_events_context(request, self))
        return context


class NeighbourhoodVolunteerPage(SegmentedSearchMixin, Page):
    neighbourhood = models.OneToOneField(
        "campaigns.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="volunteer_page",
        verbose_name=_("neighbourhood"),
    )
    intro = RichTextField(_("introduction"), blank=True)
    contact = models.CharField(
        _("committee contact"),
        max_length=100,
        blank=True,
        help_text=_("The committee's office telephone or address, shown to residents."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("neighbourhood"),
        FieldPanel("intro"),
        FieldPanel("contact"),
    ]
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields
    # One near-identical room per neighbourhood: a common word would fill pages of results.
    search_group = ngettext_lazy(
        "%(count)s neighbourhood volunteer page", "%(count)s neighbourhood volunteer pages", "count"
    )
    parent_page_types = ["campaigns.VolunteerIndexPage"]
    subpage_types = ["campaigns.VolunteerEventPage"]

    class Meta:
        verbose_name = _("neighbourhood volunteer page")

    def get_context(self, request, *args, **kwargs):
        from campaigns.volunteer_listing import neighbourhood_events_context

        context = super().get_context(request, *args, **kwargs)
        context.update(neighbourhood_events_context(self))
        return context

    def search_text_parts(self):
        """Return the neighbourhood, its town and the titles of its activities.

        Not the introduction: rooms share one, so a word in it would match every room alike.
        """
        hood = self.neighbourhood
        events = VolunteerEventPage.objects.child_of(self).live().values_list("title", flat=True)
        return [self.search_description, hood.name, hood.town.name, *events]


class VolunteerEventPage(SegmentedSearchMixin, Page):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    description = RichTextField(_("description"))
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_events",
        verbose_name=_("campaign"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    capacity = models.PositiveIntegerField(_("places"), default=20)
    signup_deadline = models.DateTimeField(
        _("sign-up deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take sign-ups until the activity starts."),
    )
    hours = models.DecimalField(
        _("hours credited"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Leave empty to credit the activity's duration."),
    )
    contact = models.CharField(_("committee contact"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        help_text=_("Leave empty to use the standard wording, shown in the visitor's language."),
    )
    # Copied from the parent room on save, so lists and permissions need no tree walk.
    neighbourhood = models.ForeignKey(
        "campaigns.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="volunteer_events",
        verbose_name=_("neighbourhood"),
    )
    checkin_token = models.CharField(
        max_length=32, default=new_checkin_token, editable=False, db_index=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("description"),
        FieldPanel("campaign"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("place"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("signup_deadline")]),
                FieldRowPanel([FieldPanel("hours"), FieldPanel("status")]),
                FieldPanel("contact"),
                FieldPanel("consent_text"),
            ],
            heading=_("Activity"),
        ),
    ]
    search_text_attributes = ("description", "place")
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields
    parent_page_types = ["campaigns.NeighbourhoodVolunteerPage"]
    subpage_types = []
    exclude_fields_in_copy = ["checkin_token"]

    class Meta:
        verbose_name = _("volunteer activity")
        verbose_name_plural = _("volunteer activities")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("An activity must end after it starts.")})
        if self.hours is not None and self.hours <= 0:
            raise ValidationError({"hours": _("Enter a number of hours greater than zero.")})

    def save(self, *args, **kwargs):
        if self.path:
            # Follow the room the page sits in, including after a copy or a move.
            rooms = NeighbourhoodVolunteerPage.objects.filter(path=self.path[: -self.steplen])
            self.neighbourhood_id = rooms.values_list("neighbourhood_id", flat=True).first()
        super().save(*args, **kwargs)

    @property
    def consent_wording(self):
        """Return the consent sentence volunteers tick: the activity's own, else the standard."""
        return self.consent_text or DEFAULT_CONSENT

    @property
    def credited_hours(self):
        """Return the hours one attendance earns: the set figure or the activity's duration."""
        if self.hours is not None:
            return self.hours
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return (Decimal(seconds) / 3600).quantize(Decimal("0.1"))

    @property
    def closes_signups_at(self):
        return self.signup_deadline or self.starts_at

    @property
    def open_for_signups(self):
        return self.status == self.Status.PLANNED and timezone.now() < self.closes_signups_at

    def get_context(self, request, *args, **kwargs):
        from campaigns.volunteer_views import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(request, self))
        return context
