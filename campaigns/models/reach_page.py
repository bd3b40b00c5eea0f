"""文明榜: the public ranking of neighbourhoods by reach rate."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class ReachPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    # Names the section in the menu and home tiles when the interface is not Chinese.
    menu_label = _("Neighbourhood ranking")

    class Meta:
        verbose_name = _("reach ranking")

    def get_context(self, request, *args, **kwargs):
        # Imported here: both read the models this package defines.
        from campaigns.ranking import ranking
        from campaigns.reach_forms import ReachFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ReachFilterForm(request.GET)
        form.is_valid()  # a filter that is not valid is left out of cleaned_data, so ignored
        town, campaign = form.cleaned_data.get("town"), form.cleaned_data.get("campaign")
        context.update(
            form=form,
            town=town,
            campaign=campaign,
            ranking=ranking(town=town and town.pk, campaign=campaign and campaign.pk),
            threshold=settings.REACH_SUPPRESS_BELOW,
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if response.context_data["form"].errors:
            response.status_code = 400
        return response
