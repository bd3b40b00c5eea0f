"""Add demo pages once, and turn demo text into rich text and raw stream data."""

from django.utils.html import escape

from campaigns.demo.images import image_block
from campaigns.models import ReachPage

REACH_INTRO = (
    "各社区按每千名居民中参与宣传活动的人数排名，可按乡镇和活动筛选。\n"
    "为保护居民隐私，参与不足5人的社区不显示具体人数和名次。"
)


def rich_text(text):
    """Return text as HTML, one paragraph per line."""
    return "".join(f"<p>{escape(line)}</p>" for line in text.split("\n") if line)


def body_stream(blocks):
    """Return (block type, text) pairs as raw BodyBlock stream data; an image's text is its key."""
    return [{"type": kind, "value": block_value(kind, text)} for kind, text in blocks]


def block_value(kind, text):
    if kind == "paragraph":
        return rich_text(text)
    if kind == "image":
        return image_block(text)
    return text


def regulation_stream(chapters):
    """Return (title, article texts) chapters as raw stream data, numbering articles throughout."""
    stream, last = [], 0
    for number, (title, texts) in enumerate(chapters, start=1):
        articles = [
            {"number": last + i, "text": rich_text(text)} for i, text in enumerate(texts, 1)
        ]
        last += len(texts)
        value = {"number": number, "title": title, "articles": articles}
        stream.append({"type": "chapter", "value": value})
    return stream


def child_by_slug(parent, slug):
    """Return parent's child page with this slug, or None."""
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page else None


def add_published(parent, page):
    """Add page under parent and publish it, so it is live and has a revision."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_reach_page(home):
    """Create the public ranking 文明榜 at /reach/ unless the site has one."""
    return ReachPage.objects.first() or add_published(
        home,
        ReachPage(title="文明榜", slug="reach", intro=rich_text(REACH_INTRO), show_in_menus=True),
    )
