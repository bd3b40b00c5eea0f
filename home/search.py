"""Chinese site search: pages index a jieba-segmented copy of their text; queries are cut alike."""

from dataclasses import replace

from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search import index

from home.chinese import segment, segmented
from home.page_cache import keep, kept
from home.search_results import DEFAULT_RANK, PageGroup, ranked

MAX_RESULTS = 200


class SegmentedSearchMixin:
    """Index a segmented copy of the page's text so a word inside a compound can be found."""

    search_text_attributes = ()
    # Where the type stands among pages that match alike (see home.search_results): lower first.
    search_rank = DEFAULT_RANK
    # A label, "%(count)s …", for a type with one near-identical page per place: search lists
    # those that match as one entry.
    search_group = None
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
    """Return the entries for live public pages matching every word of query, best first.

    The entries are Wagtail's base pages and groups of them (see home.search_results): make the
    ones shown specific with specific_pages().
    """
    words = segment(query)
    if not words:
        return []
    found = (
        Page.objects.live()
        .public()
        .only("title", "content_type", "path")
        .search(" ".join(words), operator="and")
    )
    return ranked(found[:MAX_RESULTS], words)


def specific_pages(entries):
    """Return entries, in the same order, with their pages specific and kept as pages are.

    Publishing, unpublishing or restricting a page starts a new page cache generation, and the
    search that listed them only finds live, public pages.
    """
    pages = [page for entry in entries for page in pages_shown(entry)]
    keys = {page.pk: f"specific-page:{page.pk}" for page in pages}
    generation, found = kept(keys.values())
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        fetched = {keys[page.pk]: page for page in Page.objects.filter(pk__in=missing).specific()}
        keep(fetched, generation)
        found.update(fetched)
    specific = {pk: found[key] for pk, key in keys.items() if key in found}
    return [shown for entry in entries if (shown := made_specific(entry, specific))]


def pages_shown(entry):
    """Return the pages that entry shows: itself, or a group's parent and the pages it names."""
    return [entry.parent, *entry.shown] if isinstance(entry, PageGroup) else [entry]


def made_specific(entry, specific):
    """Return entry with its pages replaced by their specific pages, or None if one is gone."""
    if not isinstance(entry, PageGroup):
        return specific.get(entry.pk)
    if entry.parent.pk not in specific:
        return None
    pages = [specific.get(page.pk, page) for page in entry.pages]
    return replace(entry, parent=specific[entry.parent.pk], pages=pages)


def reindex_page(page_id):
    """Index the page's current text, including the tags saved after the page row itself."""
    page = Page.objects.filter(pk=page_id).specific().first()
    if page is not None:
        index.insert_or_update_object(page)
