"""Campaigns, their articles, and the news index articles may also live under."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from campaigns.blocks import BodyBlock
from campaigns.panels import ReachPanel
from home.actions import open_actions
from home.search import SegmentedSearchMixin


class CampaignPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "CampaignPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


CARD_PICTURE = "fill-640x360"


def with_card_pictures(campaigns):
    """Fetch the campaigns' hero images and their card renditions: two queries for any number."""
    images = get_image_model().objects.prefetch_renditions(CARD_PICTURE)
    return campaigns.prefetch_related(Prefetch("hero_image", queryset=images))


class CampaignIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count = 1

    # Names the section in the menu and home tiles when the interface is not Chinese.
    menu_label = _("Campaigns")

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaigns = with_card_pictures(CampaignPage.objects.child_of(self).live())
        context["campaigns"] = campaigns.order_by("-start_date")
        return context


class CampaignPage(SegmentedSearchMixin, Page):
    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        CURRENT = "current", _("Under way")
        ENDED = "ended", _("Ended")

    theme = models.CharField(_("theme"), max_length=100)
    slogan = models.CharField(_("slogan"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hero image"),
    )
    intro = models.TextField(_("summary"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    target_neighbourhoods = ParentalManyToManyField(
        "campaigns.Neighbourhood",
        blank=True,
        related_name="campaigns",
        verbose_name=_("target neighbourhoods"),
    )
    tags = ClusterTaggableManager(through=CampaignPageTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("theme"),
                FieldPanel("slogan"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Campaign"),
        ),
        FieldPanel("hero_image"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("target_neighbourhoods", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
            ObjectList([ReachPanel()], heading=_("Reach")),
        ]
    )
    search_text_attributes = ("theme", "slogan", "intro", "body")
    # A campaign gathers its articles, quizzes and pledges: after regulations, before those.
    search_rank = 1
    search_fields = (
        Page.search_fields
        + SegmentedSearchMixin.segmented_search_fields
        + [
            index.FilterField("start_date"),
            index.FilterField("end_date"),
        ]
    )
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = ["campaigns.ArticlePage", "campaigns.PledgePage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("campaign")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The campaign cannot end before it starts.")})

    @property
    def status(self):
        today = timezone.localdate()
        if today < self.start_date:
            return self.Status.UPCOMING
        if today > self.end_date:
            return self.Status.ENDED
        return self.Status.CURRENT

    def get_status_display(self):
        return self.Status(self.status).label

    @classmethod
    def above(cls, page):
        """Return the campaign page directly above page, or None; kept in the cache as pages are."""
        from home.page_cache import keep, kept

        path = page.path[: -page.steplen]
        key = f"campaign-at:{path}"
        generation, found = kept([key])
        if key not in found:
            found[key] = cls.objects.filter(path=path).first()
            keep(found, generation)
        return found[key]

    def get_context(self, request, *args, **kwargs):
        from campaigns.volunteer_listing import campaign_events

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = ArticlePage.objects.child_of(self).live().order_by("-date")
        neighbourhoods = list(self.target_neighbourhoods.select_related("town"))
        context["neighbourhoods"] = neighbourhoods
        context["actions"] = open_actions(within=self)
        context["events"] = campaign_events(self, [place.pk for place in neighbourhoods])
        return context


class NewsIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.ArticlePage"]
    max_count = 1

    # Names the section in the menu and home tiles when the interface is not Chinese.
    menu_label = _("News")

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = ArticlePage.objects.child_of(self).live().order_by("-date")
        return context


class ArticlePage(SegmentedSearchMixin, Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    source = models.CharField(_("source"), max_length=100, blank=True)
    intro = models.TextField(_("summary"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("source")]),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_text_attributes = ("source", "intro", "body")
    search_fields = (
        Page.search_fields
        + SegmentedSearchMixin.segmented_search_fields
        + [
            index.FilterField("date"),
        ]
    )
    parent_page_types = ["campaigns.CampaignPage", "campaigns.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")

    def campaign(self):
        """Return the campaign the article belongs to, if it sits under one."""
        parent = self.get_parent().specific
        return parent if isinstance(parent, CampaignPage) else None
