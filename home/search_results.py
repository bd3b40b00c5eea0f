"""The order of search results: what a resident looks for first, near-identical pages as one entry.

A resident searches on a phone and reads the first ten results, rarely the next ten. So pages
whose title holds every word come first, and among pages that match alike, regulations and then
campaigns come before articles, quizzes, pledges and activities. Page types with one near-identical
page per place (a volunteer room per neighbourhood) declare a ``search_group`` label: all of them
that match are listed as one entry, linking to their common parent (where the resident picks their
own neighbourhood) and naming a few, after the other pages that match alike. Grouping, rather than
only demoting them, keeps "志愿服务" from listing every room while a search for one neighbourhood's
name still shows its own room. All of this works in Python on the titles, types and tree paths the
search fetched, so it costs no query per page and ranks alike on SQLite and PostgreSQL.
"""

from dataclasses import dataclass, field

from wagtail.models import Page

# Where a page type without a ``search_rank`` stands; lower ranks come first.
DEFAULT_RANK = 2
# Grouped, near-identical pages come after every other page that matches alike.
GROUP_RANK = 9
SHOWN_IN_GROUP = 3


@dataclass
class PageGroup:
    """Pages of one grouped type under one parent, shown as one result linking to the parent."""

    label: str
    pages: list = field(default_factory=list)
    parent: Page | None = None
    is_group = True

    @property
    def heading(self):
        return self.label % {"count": len(self.pages)}

    @property
    def shown(self):
        """Return the first few pages, to be named in the entry."""
        return self.pages[:SHOWN_IN_GROUP]

    @property
    def more(self):
        return len(self.pages) > SHOWN_IN_GROUP


def ranked(pages, words):
    """Return pages, in the backend's order, as the entries to show in the order to show them."""
    entries = gathered(pages)
    attach_parents([entry for entry in entries if isinstance(entry, PageGroup)])
    entries = [shown for entry in entries for shown in unfolded(entry)]
    # sorted() is stable, so entries that match alike keep the backend's relevance order.
    return sorted(entries, key=lambda entry: sort_key(entry, words))


def gathered(pages):
    """Return pages with those of a grouped type gathered, per parent, where the first one was."""
    entries, groups = [], {}
    for page in pages:
        label = group_label(page)
        if label is None:
            entries.append(page)
            continue
        parent_path = page.path[: -page.steplen]
        if parent_path not in groups:
            groups[parent_path] = PageGroup(label=label)
            entries.append(groups[parent_path])
        groups[parent_path].pages.append(page)
    return entries


def attach_parents(groups):
    """Give each group of several pages its live, public parent page, all read in one query."""
    wanted = {parent_path(group): group for group in groups if len(group.pages) > 1}
    if wanted:
        for parent in Page.objects.live().public().filter(path__in=wanted).only("title", "path"):
            wanted[parent.path].parent = parent


def unfolded(entry):
    """Return entry as the entries to show: a group needs several pages and a parent to link to."""
    if isinstance(entry, PageGroup) and (len(entry.pages) == 1 or entry.parent is None):
        return entry.pages
    return [entry]


def sort_key(entry, words):
    """Return the key that orders entries: title matches first, then by the rank of the type."""
    pages = entry.pages if isinstance(entry, PageGroup) else [entry]
    titled = any(all(word in page.title for word in words) for page in pages)
    return (not titled, type_rank(pages[0]))


def type_rank(page):
    if group_label(page) is not None:
        return GROUP_RANK
    return getattr(page.specific_class, "search_rank", DEFAULT_RANK)


def group_label(page):
    return getattr(page.specific_class, "search_group", None)


def parent_path(group):
    page = group.pages[0]
    return page.path[: -page.steplen]
