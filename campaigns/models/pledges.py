"""Community pledges (文明公约) and the signatures residents give them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from home.actions import ResidentActionPage
from home.search import SegmentedSearchMixin

# The standard wording is interface text, shown in the visitor's language; a pledge's own wording
# is content, written in Chinese.
DEFAULT_CONSENT = _(
    "I agree that this platform keeps my name and neighbourhood to count the signatures of each "
    "neighbourhood; my mobile number is used only so that I am not counted twice, is never shown "
    "and is used for nothing else."
)


class PledgePage(RoutablePageMixin, SegmentedSearchMixin, ResidentActionPage, Page):
    action_label = _("Sign the pledge")

    class State(models.TextChoices):
        NOT_OPEN = "not_open", _("Not open yet")
        OPEN = "open", _("Open for signatures")
        CLOSED = "closed", _("Closed")

    pledge_text = RichTextField(_("pledge text"))
    commitments = StreamField(
        [("commitment", blocks.CharBlock(max_length=60, label=_("commitment")))],
        verbose_name=_("commitments"),
        help_text=_("Concrete things residents promise, such as 不乱扔垃圾 or 文明停车."),
    )
    goal = models.PositiveIntegerField(_("goal"), default=1000)
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        help_text=_("Leave empty to use the standard wording, shown in the visitor's language."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("pledge_text"),
        FieldPanel("commitments"),
        MultiFieldPanel(
            [
                FieldPanel("goal"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("consent_text"),
            ],
            heading=_("Signing"),
        ),
    ]
    search_text_attributes = ("pledge_text", "commitments")
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields
    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("pledge")

    def clean(self):
        super().clean()
        if self.closes_at and self.opens_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A pledge must close after it opens.")})

    @property
    def consent_wording(self):
        """Return the consent sentence residents tick: the pledge's own, else the standard one."""
        return self.consent_text or DEFAULT_CONSENT

    @property
    def state(self):
        now = timezone.now()
        if now < self.opens_at:
            return self.State.NOT_OPEN
        if self.closes_at and now >= self.closes_at:
            return self.State.CLOSED
        return self.State.OPEN

    def campaign(self):
        """Return the campaign the pledge belongs to."""
        from campaigns.models import CampaignPage

        return CampaignPage.above(self)

    @path("")
    def pledge(self, request):
        from campaigns.views import pledge_page

        return pledge_page(request, self)

    # Two path parts: Wagtail's page URLs allow only letters, digits, "-" and "_" in each.
    @path("certificate/<str:data>/<str:signature>/")
    def certificate(self, request, data, signature):
        from campaigns.views import pledge_certificate

        return pledge_certificate(request, self, data, signature)


class PledgeSignature(models.Model):
    pledge = models.ForeignKey(
        PledgePage, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("pledge")
    )
    name = models.CharField(_("name"), max_length=20)
    neighbourhood = models.ForeignKey(
        "campaigns.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="pledge_signatures",
        verbose_name=_("neighbourhood"),
    )
    participant = models.CharField(_("participant key"), max_length=64, editable=False)
    phone_masked = models.CharField(_("mobile number"), max_length=11, editable=False)
    hide_name = models.BooleanField(_("name hidden from the public list"), default=False)
    assisted = models.BooleanField(_("entered from a paper sheet"), default=False, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("entered by"),
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now, editable=False)

    # Signatures point at their pledge but are never content another page refers to.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-signed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "participant"], name="one_signature_per_resident_per_pledge"
            )
        ]
        indexes = [models.Index(fields=["pledge", "neighbourhood"])]
        verbose_name = _("pledge signature")
        verbose_name_plural = _("pledge signatures")

    def __str__(self):
        return f"{self.name} · {self.pledge}"
