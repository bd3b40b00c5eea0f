"""Volunteer pages: the county index and one room per neighbourhood's committee."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.search import SegmentedSearchMixin


class VolunteerIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.NeighbourhoodVolunteerPage"]
    max_count = 1

    class Meta:
        verbose_name = _("volunteer index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["neighbourhood_pages"] = (
            NeighbourhoodVolunteerPage.objects.child_of(self)
            .live()
            .select_related("neighbourhood__town")
            .order_by("neighbourhood__town__sort_order", "neighbourhood__name")
        )
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
    search_text_attributes = ("intro",)
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields
    parent_page_types = ["campaigns.VolunteerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("neighbourhood volunteer page")
