"""Template tags for what every public page shows around its content."""

from django import template
from wagtail.models import Site

from home.page_cache import keep, kept

register = template.Library()


@register.simple_tag(takes_context=True)
def site_menu(context):
    """Return (title, url, url_path) of the site's menu pages, kept as pages are.

    Publishing, moving or unpublishing a page starts a new page cache generation, so the menu
    never outlives a change to the pages it lists.
    """
    request = context["request"]
    # By host rather than site, so a page outside Wagtail's routing need not look its site up:
    # the site is kept with the menu, and the page's links find it on the request.
    key = f"site-and-menu:{request.get_host()}"
    generation, found = kept([key])
    if key not in found:
        site = Site.find_for_request(request)
        pages = site.root_page.get_children().live().in_menu() if site else []
        items = [(page.title, page.get_url(request), page.url_path) for page in pages]
        found[key] = (site, items)
        keep(found, generation)
    site, items = found[key]
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site
    return items
