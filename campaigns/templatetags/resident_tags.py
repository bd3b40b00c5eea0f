"""Template tags for what every public page offers the resident."""

from django import template

from campaigns.forms import NeighbourhoodChoiceField, option_tags

register = template.Library()


@register.simple_tag
def neighbourhood_options(selected=None):
    """Return the neighbourhood choices grouped by town, the resident's own one selected."""
    chosen = {str(selected.pk)} if selected else set()
    return option_tags(NeighbourhoodChoiceField().choices, chosen)
