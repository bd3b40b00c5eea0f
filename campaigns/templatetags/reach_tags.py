"""Template tags showing reach figures on public pages."""

from django import template
from django.conf import settings

from campaigns import ranking

register = template.Library()


@register.inclusion_tag("campaigns/includes/reach_summary.html")
def reach_summary(campaign):
    """Show how many residents took part in the campaign, and in how many neighbourhoods."""
    if campaign.pk is None:
        # A campaign previewed before its first save has no figures; a blank scope means all.
        return {}
    return {
        "campaign": campaign,
        "summary": ranking.campaign_summary(campaign),
        "threshold": settings.REACH_SUPPRESS_BELOW,
    }
