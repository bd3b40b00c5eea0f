"""Helpers reading what a re-rendered form tells the resident: its error summary and fields."""

from bs4 import BeautifulSoup


def page(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def summary_links(response):
    """Return the ids the error summary links to, or None when the page has no summary."""
    summary = page(response).find(id="error-summary")
    if summary is None:
        return None
    return [link["href"].removeprefix("#") for link in summary.find_all("a")]


def description_of(response, field_id):
    """Return whether the field is marked invalid and the texts its aria-describedby names.

    A name with no element on the page comes back as None.
    """
    html = page(response)
    field = html.find(id=field_id)
    described = [html.find(id=name) for name in field.get("aria-describedby", "").split()]
    texts = [element.get_text(strip=True) if element else None for element in described]
    return field.get("aria-invalid") == "true", texts
