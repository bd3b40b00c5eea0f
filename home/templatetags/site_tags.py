"""Template tags for what every public page shows around its content."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Site

from home.page_cache import keep, kept

register = template.Library()


def reads_content_language():
    """Tell whether the interface speaks the language pages are written in."""
    return translation.get_language().lower() == settings.CONTENT_LANGUAGE.lower()


@register.simple_tag
def content_lang():
    """Mark an element holding page content with its language when the interface speaks another."""
    if reads_content_language():
        return ""
    return format_html(' lang="{}"', settings.CONTENT_LANGUAGE)


def menu_item(page, request):
    """Return (page title, section label or None, url, url_path) for one menu page."""
    # The page type is read from the content type cache, so the label costs no query.
    label = getattr(page.specific_class, "menu_label", None)
    return (page.title, label, page.get_url(request), page.url_path)


@register.simple_tag(takes_context=True)
def site_menu(context):
    """Return (label, url, url_path, is_content) of the site's menu pages, kept as pages are.

    Sections with an interface label (the index pages) are named by it in a language other than
    the one pages are written in; other pages, and every page in that language, by their title,
    which is content. Publishing, moving or unpublishing a page starts a new page cache
    generation, so the menu never outlives a change to the pages it lists.
    """
    request = context["request"]
    # By host rather than site, so a page outside Wagtail's routing need not look its site up:
    # the site is kept with the menu, and the page's links find it on the request.
    key = f"site-and-labelled-menu:{request.get_host()}"
    generation, found = kept([key])
    if key not in found:
        site = Site.find_for_request(request)
        pages = site.root_page.get_children().live().in_menu() if site else []
        found[key] = (site, [menu_item(page, request) for page in pages])
        keep(found, generation)
    site, items = found[key]
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site
    by_title = reads_content_language()
    return [
        (title if by_title or not label else label, url, url_path, by_title or not label)
        for title, label, url, url_path in items
    ]
