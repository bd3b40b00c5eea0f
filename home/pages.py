"""Finding pages for views that take posts outside Wagtail's page routing."""

from django.http import Http404


def public_page_or_404(model, pk):
    """Return the live page of this type with no view restriction, or raise Http404."""
    page = model.objects.live().filter(pk=pk).first()
    if page is None or page.get_view_restrictions().exists():
        raise Http404
    return page
