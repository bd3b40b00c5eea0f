"""{% citing %}…{% endciting %}: link the regulation articles the enclosed text cites."""

from django import template

from campaigns.citations import NONE, Cited, link_citations, live_regulations
from campaigns.models import RegulationPage

register = template.Library()


@register.tag
def citing(parser, token):
    nodelist = parser.parse(("endciting",))
    parser.delete_first_token()
    return CitingNode(nodelist)


class CitingNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        markup = self.nodelist.render(context)
        request = context.get("request")
        page = context.get("page")
        regulations = NONE
        if "《" in markup and request is not None:
            regulations = remembered(request, "regulations", lambda: live_regulations(request))
        own = None
        if isinstance(page, RegulationPage):
            own = remembered(request, page.pk, lambda: Cited.of(page))
        return link_citations(markup, regulations, own)


def remembered(request, key, make):
    """Return make() once per request, however many passages of the page cite."""
    if request is None:
        return make()
    memo = request.__dict__.setdefault("_citation_sources", {})
    if key not in memo:
        memo[key] = make()
    return memo[key]
