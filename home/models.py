"""The home page and the site-wide settings residents see in every footer."""

from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from home.actions import open_actions

SETTINGS_KEY = "home:site-settings"


class HomePage(Page):
    headline = models.CharField(_("headline"), max_length=100, blank=True)
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("headline"), FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "campaigns.CampaignIndexPage",
        "campaigns.NewsIndexPage",
        "campaigns.RegulationIndexPage",
        "campaigns.VolunteerIndexPage",
        "quizzes.QuizIndexPage",
        "campaigns.ReachPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from campaigns.models import ArticlePage, CampaignPage, RegulationIndexPage
        from campaigns.models.campaigns import with_card_pictures
        from campaigns.volunteer_listing import upcoming_events
        from quizzes import daily

        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        current = CampaignPage.objects.live().filter(start_date__lte=today, end_date__gte=today)
        context["current_campaigns"] = with_card_pictures(current.order_by("end_date")[:4])
        context["latest_articles"] = ArticlePage.objects.live().order_by("-date", "-pk")[:6]
        context["regulation_index"] = RegulationIndexPage.objects.live().first()
        context["upcoming_events"] = upcoming_events()[:4]
        context["open_actions"] = open_actions()
        context.update(daily.home_page_context(request))
        return context


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    bureau_name = models.CharField(_("bureau name"), max_length=100, blank=True)
    hotline = models.CharField(_("city-management hotline"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    icp_record = models.CharField(_("ICP record number"), max_length=60, blank=True)

    panels = [
        FieldPanel("bureau_name"),
        FieldPanel("hotline"),
        FieldPanel("address"),
        FieldPanel("icp_record"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def load(cls, request_or_site=None):
        """Load the settings from the cache: every page's footer shows them."""
        found = cache.get(SETTINGS_KEY)
        if found is None:
            found = super().load(request_or_site)
            cache.set(SETTINGS_KEY, found, None)
        elif request_or_site is not None and not isinstance(request_or_site, Site):
            setattr(request_or_site, cls.get_cache_attr_name(), found)
        return found
