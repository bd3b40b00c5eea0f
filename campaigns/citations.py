"""Links for the regulation articles that rendered text cites.

《南昌县…办法》第十二条 links to that article of the live regulation with that title (or that title
without the county prefix, when only one regulation has it), and 《…》 alone to the regulation;
within a regulation's own text, 本办法第十二条 or 第十二条 links to its own article. Only text
between tags is read, and never text inside a link, so links are never nested.
"""

import html
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from campaigns.blocks import article_anchor
from campaigns.models import RegulationPage
from home.chinese import parse_numeral
from home.page_cache import keep, kept

NUMBER = "(?:[0-9０-９]+|[零〇一二两三四五六七八九十百千]+)"
CLAUSE = f"(?:第{NUMBER}款)?"
CITATION = re.compile(
    rf"《(?P<title>[^《》]{{1,100}})》(?:第(?P<cited>{NUMBER})条{CLAUSE})?"
    rf"|(?:本(?:办法|条例|规定|细则|规则|决定))?第(?P<own>{NUMBER})条{CLAUSE}"
)
# Comments, and tags whose quoted attribute values may hold ">".
TAG = re.compile(r"<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.DOTALL)
TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
# Text inside these is left as it is: a link may not hold another, and scripts are not prose.
UNTOUCHED = {"a", "button", "script", "style", "textarea"}
# 南昌县 of 南昌县城区机动车停放管理办法, which articles often leave out.
COUNTY_PREFIX = re.compile(r"^[^《》]{1,6}?县(?=.{4})")


@dataclass(frozen=True)
class Cited:
    """A regulation as citations see it: its address and the numbers of its articles."""

    url: str
    numbers: frozenset

    @classmethod
    def of(cls, page, request=None):
        numbers = frozenset(article["number"] for article in page.articles())
        return cls(page.get_url(request) if request else "", numbers)

    def article_url(self, written_number):
        """Return the address of the article written as 十二 or 12, or None if there is none."""
        number = parse_numeral(written_number)
        return f"{self.url}#{article_anchor(number)}" if number in self.numbers else None


class Regulations:
    """Regulations by title, and by title without the county prefix where that is unique."""

    def __init__(self, by_title):
        self.by_title = by_title
        short = {}
        for title, cited in by_title.items():
            short.setdefault(COUNTY_PREFIX.sub("", title, count=1), []).append(cited)
        self.by_short_title = {title: found[0] for title, found in short.items() if len(found) == 1}

    def find(self, title):
        return self.by_title.get(title) or self.by_short_title.get(title)


NONE = Regulations({})


def live_regulations(request):
    """Return the live regulations by title, kept as pages are, so publishing refreshes them."""
    # By host, as page addresses are relative to the site the request is for.
    key = f"regulation-citations:{request.get_host()}"
    generation, found = kept([key])
    if key not in found:
        pages = RegulationPage.objects.live().order_by("path")
        found[key] = Regulations({page.title: Cited.of(page, request) for page in pages})
        keep(found, generation)
    return found[key]


def link_citations(markup, regulations, own=None):
    """Return safe markup with its citations linked; own is the regulation the text is part of."""
    parts, inside, start = [], 0, 0
    for tag in TAG.finditer(markup):
        text = markup[start : tag.start()]
        parts += [text if inside else link_text(text, regulations, own), tag.group()]
        inside = max(0, inside + nesting(tag.group()))
        start = tag.end()
    tail = markup[start:]
    parts.append(tail if inside else link_text(tail, regulations, own))
    return mark_safe("".join(parts))  # noqa: S308 - safe markup, with only links added


def nesting(tag):
    """Return +1 for a tag opening an untouched element, -1 for one closing it, else 0."""
    found = TAG_NAME.match(tag)
    if not found or found[2].lower() not in UNTOUCHED or tag.endswith("/>"):
        return 0
    return -1 if found[1] else 1


def link_text(text, regulations, own):
    def replace(match):
        if match["own"]:
            url = own.article_url(match["own"]) if own else None
            return link(url, match[0]) if url else match[0]
        cited = regulations.find(html.unescape(match["title"]))
        if cited is None:
            return match[0]
        url = match["cited"] and cited.article_url(match["cited"])
        if url:
            return link(url, match[0])
        title = f"《{match['title']}》"
        return link(cited.url, title) + match[0][len(title) :]

    return CITATION.sub(replace, text)


def link(url, text):
    return f'<a class="citation" href="{escape(url)}">{text}</a>'
