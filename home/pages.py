"""Finding pages for views that take posts outside Wagtail's page routing."""

from django.http import Http404

# Page ids are 32-bit; a bigger one from a URL cannot even be looked up on SQLite.
LARGEST_ID = 2**31 - 1


def visible_page_or_404(model, pk, request):
    """Return the live page of this type if the visitor may view it, or raise Http404.

    A private page is visible to a visitor who has passed its restriction (a password they
    entered, a login), as Wagtail's own page serving decides, and hidden from everyone else.
    """
    page = model.objects.live().filter(pk=pk).first() if pk <= LARGEST_ID else None
    if page is None or not may_view(page, request):
        raise Http404
    return page


def may_view(page, request):
    """Return whether the visitor has passed every view restriction on the page."""
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())
