"""Finding pages for views that take posts outside Wagtail's page routing.

A live page open to everyone is kept in the cache with the page cache's lifetime and generation
(home/page_cache.py), so a post finds the page as the page cache shows it: publishing,
unpublishing, moving or deleting a page, or restricting who may view it, starts a new generation.
A page with view restrictions is never kept: it is looked up and checked every time.
"""

from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from home.page_cache import keep, kept

# Page ids are 32-bit; a bigger one from a URL cannot even be looked up on SQLite.
LARGEST_ID = 2**31 - 1


def visible_page_or_404(model, pk, request):
    """Return the live page of this type if the visitor may view it, or raise Http404.

    A private page is visible to a visitor who has passed its restriction (a password they
    entered, a login), as Wagtail's own page serving decides, and hidden from everyone else.
    """
    page, restrictions = live_page(model, pk)
    if page is None or not passed(restrictions, request):
        raise Http404
    return page


def live_page(model, pk):
    """Return the live page of this type with its view restrictions, or (None, [])."""
    key = f"open-page:{pk}"
    generation, found = kept([key])
    if isinstance(found.get(key), model):
        return found[key], []
    page = model.objects.live().filter(pk=pk).first() if pk <= LARGEST_ID else None
    if page is None:
        return None, []
    restrictions = page.get_view_restrictions()
    if not restrictions:
        keep({key: page}, generation)
    return page, restrictions


def passed(restrictions, request):
    """Return whether the visitor has passed every one of a page's view restrictions."""
    return all(restriction.accept_request(request) for restriction in restrictions)


def serve(request, path):
    """Serve a page as Wagtail does, finding the page for an address as the page cache keeps pages.

    Wagtail looks up the site and walks the page tree one query or two per level on every request;
    the route it finds is kept with the page cache's generation, which every publish, unpublish,
    move or deletion renews. Who may view the page is still checked on every request.
    """
    key = f"route:{request.get_host()}:{path}"
    generation, found = kept([key])
    if key in found:
        request._wagtail_site, request._wagtail_route_for_request = found[key]
    else:
        route = Page.route_for_request(request, path)
        if route is not None:
            keep({key: (Site.find_for_request(request), route)}, generation)
    return wagtail_views.serve(request, path)
