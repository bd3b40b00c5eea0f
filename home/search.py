"""Chinese site search: pages index a jieba-segmented copy of their text; queries are cut alike."""

from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search import index

from home.chinese import segment, segmented
from home.page_cache import keep, kept

MAX_RESULTS = 200


class SegmentedSearchMixin:
    """Index a segmented copy of the page's text so a word inside a compound can be found."""

    search_text_attributes = ()
    segmented_search_fields = [
        index.SearchField("segmented_title", boost=5),
        index.SearchField("segmented_text"),
    ]

    def search_text_parts(self):
        """Return the pieces of plain text that describe the page, besides its title."""
        parts = [self.search_description]
        for name in self.search_text_attributes:
            value = getattr(self, name)
            field = self._meta.get_field(name)
            if hasattr(field, "stream_block"):
                parts.extend(field.get_searchable_content(value))
            else:
                parts.append(strip_tags(str(value or "")))
        if hasattr(self, "tags"):
            parts.extend(tag.name for tag in self.tags.all())
        return parts

    def segmented_title(self):
        return segmented(self.title)

    def segmented_text(self):
        return segmented(" ".join(str(part) for part in self.search_text_parts() if part))


def search_pages(query):
    """Return live public pages matching every word of query, those with it in their title first.

    The pages are Wagtail's base pages: make the ones shown specific with specific_pages().
    """
    words = segment(query)
    if not words:
        return []
    found = Page.objects.live().public().only("title").search(" ".join(words), operator="and")
    # SQLite's ranking ignores field boosts, so lift title matches here on every backend.
    return sorted(found[:MAX_RESULTS], key=lambda page: not all(w in page.title for w in words))


def specific_pages(pages):
    """Return the specific pages of pages, in the same order, kept as pages are.

    Publishing, unpublishing or restricting a page starts a new page cache generation, and the
    search that listed them only finds live, public pages.
    """
    keys = {page.pk: f"specific-page:{page.pk}" for page in pages}
    generation, found = kept(keys.values())
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        fetched = {keys[page.pk]: page for page in Page.objects.filter(pk__in=missing).specific()}
        keep(fetched, generation)
        found.update(fetched)
    return [found[keys[page.pk]] for page in pages if keys[page.pk] in found]


def reindex_page(page_id):
    """Index the page's current text, including the tags saved after the page row itself."""
    page = Page.objects.filter(pk=page_id).specific().first()
    if page is not None:
        index.insert_or_update_object(page)
