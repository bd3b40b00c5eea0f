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
    site = Site.find_for_request(request)
    if site is None:
        return []
    key = f"site-menu:{site.pk}"
    generation, found = kept([key])
    if key not in found:
        pages = site.root_page.get_children().live().in_menu()
        found[key] = [(page.title, page.get_url(request), page.url_path) for page in pages]
        keep(found, generation)
    return found[key]
