"""Numbered markers on the reach map's shapes, and the key naming each with its figure.

A name fits inside few of thirty shapes on a phone, so each shape shows a number and the key
under the map gives the name and figure; both are SVG text, so they print and need no hover.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join

MARKER_RADIUS = 9
KEY_ROW, KEY_COLUMNS = 22, 2
# Markers within this many pixels of each other count as one row when numbering.
ROW_BAND = 24


@dataclass
class Label:
    number: int
    name: str
    figure: str
    x: float
    y: float


def centroid(ring):
    """Return the centroid of a projected ring, or the middle of its points if it has no area."""
    pairs = list(zip(ring, ring[1:] + ring[:1], strict=True))
    cross = [x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs]
    area = sum(cross) / 2
    if abs(area) < 1e-9:
        return sum(x for x, _y in ring) / len(ring), sum(y for _x, y in ring) / len(ring)
    x = sum((x0 + x1) * c for ((x0, _), (x1, _)), c in zip(pairs, cross, strict=True))
    y = sum((y0 + y1) * c for ((_, y0), (_, y1)), c in zip(pairs, cross, strict=True))
    return x / (6 * area), y / (6 * area)


def area(ring):
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2


def numbered(shapes):
    """Return a Label per (place, projected rings), numbered as one reads: by row, then across."""
    points = [(place, centroid(max(found, key=area))) for place, found in shapes]
    points.sort(key=lambda item: (round(item[1][1] / ROW_BAND), item[1][0]))
    return [
        Label(number, place.name, figure(place), x, y)
        for number, (place, (x, y)) in enumerate(points, 1)
    ]


def figure(place):
    return "–" if place.rate is None else str(place.rate)


def marker(number, x, y):
    return format_html(
        '<g class="reach-map__marker"><circle cx="{}" cy="{}" r="{}"/>'
        '<text x="{}" y="{}" text-anchor="middle">{}</text></g>',
        f"{x:.1f}",
        f"{y:.1f}",
        MARKER_RADIUS,
        f"{x:.1f}",
        f"{y + 4:.1f}",
        number,
    )


def markers(labels):
    """Return a numbered marker at each label's place on the map."""
    return format_html_join("", "{}", ((marker(la.number, la.x, la.y),) for la in labels))


def key(labels, top, width, pad):
    """Return the key listing every label in columns from top, and the height it takes."""
    rows = -(-len(labels) // KEY_COLUMNS)
    column_width = (width - 2 * pad) / KEY_COLUMNS
    entries = []
    for index, label in enumerate(labels):
        x = pad + index // rows * column_width + MARKER_RADIUS
        y = top + index % rows * KEY_ROW + KEY_ROW / 2
        entries.append(
            format_html(
                '{}<text class="reach-chart__legend reach-map__key" x="{}" y="{}">{} {}</text>',
                marker(label.number, x, y),
                f"{x + MARKER_RADIUS + 6:.1f}",
                f"{y + 5:.1f}",
                label.name,
                label.figure,
            )
        )
    markup = format_html_join("", "{}", ((entry,) for entry in entries))
    return markup, rows * KEY_ROW + (pad if rows else 0)
