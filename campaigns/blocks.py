"""StreamField blocks shared by the page types."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from home.chinese import numeral


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(required=False, label=_("caption"))
    alt_text = blocks.CharBlock(
        required=False, label=_("alt text"), help_text=_("Describe the image for screen readers.")
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(required=False, label=_("attribution"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", icon="title", label=_("Heading"), template="blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(icon="pilcrow", label=_("Paragraph"))
    image = ImageBlock()
    quote = QuoteBlock()


def article_anchor(number):
    """Return the id of an article's element on its regulation page."""
    return f"article-{number}"


class ArticleValue(blocks.StructValue):
    """An article of a regulation with its anchor and Chinese label."""

    def anchor(self):
        return article_anchor(self["number"])

    def label(self):
        return f"第{numeral(self['number'])}条"


class RegulationArticleBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(min_value=1, label=_("article number"))
    text = blocks.RichTextBlock(features=["bold", "italic", "ol", "ul", "link"], label=_("text"))

    class Meta:
        icon = "list-ol"
        template = "blocks/regulation_article.html"
        label = _("Article")
        value_class = ArticleValue


class ChapterValue(blocks.StructValue):
    """A chapter of a regulation with its anchor and Chinese label."""

    def anchor(self):
        return f"chapter-{self['number']}"

    def label(self):
        return f"第{numeral(self['number'])}章"


class RegulationChapterBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(min_value=1, label=_("chapter number"))
    title = blocks.CharBlock(label=_("chapter title"))
    articles = blocks.ListBlock(RegulationArticleBlock(), label=_("articles"))

    class Meta:
        icon = "doc-full"
        template = "blocks/regulation_chapter.html"
        label = _("Chapter")
        value_class = ChapterValue


class RegulationTextBlock(blocks.StreamBlock):
    """The text of a regulation: chapters of articles, or articles alone for short rules."""

    chapter = RegulationChapterBlock()
    article = RegulationArticleBlock()
