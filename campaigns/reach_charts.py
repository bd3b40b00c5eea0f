"""Inline SVG charts for the reach report, drawn on the server: trend, map and funnel."""

import bisect
import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from campaigns import reach_map_labels as labels
from campaigns.models import Participation

Kind = Participation.Kind
# The map's five classes start at these multiples of the county rate; under half is a cold spot.
BAND_STARTS = (Decimal("0.5"), Decimal("0.8"), Decimal("1.2"), Decimal("1.5"))
TREND_SIZE = (720, 320)
TREND_MARGIN = (56, 16, 24, 96)  # left, right, top, bottom (axis labels and legend)
TREND_LEGEND_SLOT = (200, 20)  # three kinds to a row, so English names fit too
MAX_DAYS = 400
MAP_WIDTH, MAP_MAX_HEIGHT, MAP_PAD, MAP_LEGEND_ROW = 440, 420, 10, 22
FUNNEL_WIDTH, FUNNEL_ROW, FUNNEL_LABEL, FUNNEL_VALUE = 440, 36, 120, 100


def fewer_than():
    """Return the text shown instead of a figure that would single out a few residents."""
    return _("fewer than %(count)s residents") % {"count": settings.REACH_SUPPRESS_BELOW}


def rate_text(figures):
    """Return a suppressed Reach's rate as words: "12.5 per 1,000 residents", or fewer than."""
    if "residents" in figures.suppressed:
        return fewer_than()
    if figures.per_thousand is None:
        return _("no data")
    return _("%(rate)s per 1,000 residents") % {"rate": figures.per_thousand}


def join(parts):
    return format_html_join("", "{}", ((part,) for part in parts))


def svg(classname, label, width, height, body):
    return format_html(
        '<svg class="reach-chart {}" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'xmlns="http://www.w3.org/2000/svg">{}</svg>',
        classname,
        label,
        width,
        height,
        body,
    )


def number(value):
    """Format a coordinate with one decimal, which is finer than a screen pixel here."""
    return f"{value:.1f}"


# Trend


def nice_ceiling(value):
    """Return the smallest of 1, 2, 5 × 10ⁿ at or above value, so axis ticks are round."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def all_days(days, start=None, end=None):
    """Return every day from start (or the first day with acts) to end (or the last)."""
    known = [day for day, _counts in days]
    first, last = start or (min(known) if known else None), end or (max(known) if known else None)
    if first and last and (last - first).days > MAX_DAYS and known:
        # A range chosen wider than anyone could read is drawn over the days with acts only.
        first, last = max(first, min(known)), min(last, max(known))
    if first is None or last is None or last < first:
        return []
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def trend_chart(days, *, start=None, end=None):
    """Draw participations per day, one line per kind, from reach.trend's [(day, {kind: n})]."""
    width, height = TREND_SIZE
    left, right, top, bottom = TREND_MARGIN
    axis = all_days(days, start, end)
    counts = dict(days)
    label = _("Daily participations by kind")
    if not axis:
        text = format_html(
            '<text class="reach-chart__note" x="{}" y="{}">{}</text>',
            width // 2,
            height // 2,
            _("No participation in this period."),
        )
        return svg("reach-trend", label, width, height, text)
    peak = nice_ceiling(
        max((n for _day, day_counts in days for n in day_counts.values()), default=0)
    )
    plot_width, plot_height = width - left - right, height - top - bottom

    def x(index):
        return left + (plot_width * index / (len(axis) - 1) if len(axis) > 1 else plot_width / 2)

    def y(count):
        return top + plot_height - plot_height * count / peak

    parts = [trend_axes(axis, peak, x, y, plot_width)]
    for kind in Kind:
        points = [(x(i), y(counts.get(day, {}).get(kind.value, 0))) for i, day in enumerate(axis)]
        parts.append(series(kind, points))
    parts.append(legend(height - 42, left))
    label = _("Daily participations by kind, %(start)s to %(end)s") % {
        "start": date_format(axis[0]),
        "end": date_format(axis[-1]),
    }
    return svg("reach-trend", label, width, height, join(parts))


def trend_axes(axis, peak, x, y, plot_width):
    """Draw gridlines with counts, date labels and both axis titles."""
    left, _right, top, bottom = TREND_MARGIN
    height = TREND_SIZE[1]
    parts = []
    for step in range(5):
        count = peak * step // 4
        parts.append(
            format_html(
                '<line class="reach-chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="reach-chart__tick" x="{}" y="{}" text-anchor="end">{}</text>',
                left,
                left + plot_width,
                number(y(count)),
                number(y(count)),
                left - 6,
                number(y(count) + 4),
                count,
            )
        )
    every = max(1, math.ceil(len(axis) / 7))
    for index in range(0, len(axis), every):
        parts.append(
            format_html(
                '<text class="reach-chart__tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                number(x(index)),
                height - bottom + 18,
                date_format(axis[index], "n/j"),
            )
        )
    parts.append(
        format_html(
            '<text class="reach-chart__axis-title" x="{}" y="{}" text-anchor="middle">{}</text>'
            '<text class="reach-chart__axis-title" transform="translate(14 {}) rotate(-90)" '
            'text-anchor="middle">{}</text>',
            left + plot_width // 2,
            height - bottom + 38,
            _("Date"),
            top + (height - top - bottom) // 2,
            _("Participations per day"),
        )
    )
    return join(parts)


def series(kind, points):
    path = " ".join(f"{number(px)},{number(py)}" for px, py in points)
    marker = ""
    if len(points) == 1:
        marker = format_html('<circle cx="{}" cy="{}" r="4"/>', *map(number, points[0]))
    return format_html(
        '<g class="reach-series reach-series--{}" data-kind="{}">'
        '<polyline fill="none" points="{}"/>{}</g>',
        kind.value,
        kind.value,
        path,
        marker,
    )


def legend(top, left):
    parts = []
    slot_width, slot_height = TREND_LEGEND_SLOT
    for index, kind in enumerate(Kind):
        x, y = left + index % 3 * slot_width, top + index // 3 * slot_height
        parts.append(
            format_html(
                '<g class="reach-series reach-series--{}"><line x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="reach-chart__legend" x="{}" y="{}">{}</text></g>',
                kind.value,
                x,
                x + 20,
                y,
                y,
                x + 26,
                y + 4,
                kind.label,
            )
        )
    return join(parts)


# Map


@dataclass
class MapPlace:
    """One neighbourhood on the map; name is None for places the user may not see."""

    name: str | None
    outline: dict | None
    rate: Decimal | None = None  # None when there is no figure to show
    label: str = ""  # the rate in words, for the shape's title


def rings(outline):
    """Return the rings of a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection."""
    if not isinstance(outline, dict):
        return []
    kind, coordinates = outline.get("type"), outline.get("coordinates") or []
    if kind == "FeatureCollection":
        return [ring for feature in outline.get("features") or [] for ring in rings(feature)]
    if kind == "Feature":
        return rings(outline.get("geometry"))
    polygons = {"Polygon": [coordinates], "MultiPolygon": coordinates}.get(kind, [])
    found = []
    for polygon in polygons:
        for ring in polygon if isinstance(polygon, list) else []:
            points = [point for point in map(position, ring or []) if point]
            if len(points) >= 3:
                found.append(points)
    return found


def position(point):
    """Return a GeoJSON position as (longitude, latitude), or None if it is not one."""
    try:
        lon, lat = float(point[0]), float(point[1])
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return (lon, lat) if math.isfinite(lon) and math.isfinite(lat) else None


def band_starts(county_rate):
    """Return the rates (per 1,000) at which the map's classes 2 to 5 begin."""
    return [(county_rate or Decimal(0)) * start for start in BAND_STARTS]


def band(rate, starts):
    """Return the class (0–4) of a reach rate; anyone reached lifts a place out of class 0."""
    if not rate:
        return 0
    return bisect.bisect_right(starts, rate)


def reach_map(places, county_rate):
    """Draw the outlined places, each coloured by its reach rate band, with a legend."""
    shapes = [(place, rings(place.outline)) for place in places]
    shapes = [(place, found) for place, found in shapes if found]
    label = _("Map of neighbourhoods coloured by reached residents per 1,000")
    if not shapes:
        text = format_html(
            '<text class="reach-chart__note" x="20" y="40">{}</text>',
            _("No neighbourhood has an outline yet."),
        )
        return svg("reach-map", label, MAP_WIDTH, 80, text)
    project, height = projection(
        [point for _p, found in shapes for ring in found for point in ring]
    )
    starts = band_starts(county_rate)
    parts = [map_shape(place, found, project, starts) for place, found in shapes]
    named = labels.numbered(
        (place, [[project(*point) for point in ring] for ring in found])
        for place, found in shapes
        if place.name is not None
    )
    parts.append(labels.markers(named))
    others = any(place.name is None for place, _found in shapes)
    parts.append(map_legend(starts, height, others))
    legend_height = (len(BAND_STARTS) + 3 + others) * MAP_LEGEND_ROW
    key, key_height = labels.key(named, height + legend_height, MAP_WIDTH, MAP_PAD)
    parts.append(key)
    return svg("reach-map", label, MAP_WIDTH, height + legend_height + key_height, join(parts))


def projection(points):
    """Return an equirectangular projection onto the map's width, and the height it needs."""
    lons, lats = [lon for lon, _lat in points], [lat for _lon, lat in points]
    west, south, north = min(lons), min(lats), max(lats)
    # Shrink longitude by cos(latitude) so shapes are not stretched sideways.
    shrink = math.cos(math.radians((south + north) / 2))
    span_x, span_y = max((max(lons) - west) * shrink, 1e-9), max(north - south, 1e-9)
    scale = min((MAP_WIDTH - 2 * MAP_PAD) / span_x, (MAP_MAX_HEIGHT - 2 * MAP_PAD) / span_y)
    offset = (MAP_WIDTH - span_x * scale) / 2

    def project(lon, lat):
        return offset + (lon - west) * shrink * scale, MAP_PAD + (north - lat) * scale

    return project, round(span_y * scale + 2 * MAP_PAD)


def map_shape(place, found, project, starts):
    path = " ".join(
        "M" + " L".join("{},{}".format(*map(number, project(*point))) for point in ring) + " Z"
        for ring in found
    )
    if place.name is None:
        return format_html('<path class="reach-map__shape reach-map__other" d="{}"/>', path)
    classname = "reach-map__none"
    if place.rate is not None:
        classname = f"reach-map__band-{band(place.rate, starts)}"
    return format_html(
        '<path class="reach-map__shape {}" d="{}" fill-rule="evenodd"><title>{}: {}</title></path>',
        classname,
        path,
        place.name,
        place.label,
    )


def map_legend(starts, top, others):
    """Label the five classes, then grey for no figure and, if drawn, places not listed."""
    starts = [start.quantize(Decimal("0.1")) for start in starts]
    labels = [_("under %(rate)s") % {"rate": starts[0]}]
    labels += [f"{low}–{high}" for low, high in zip(starts, starts[1:], strict=False)]
    labels += [_("%(rate)s and over") % {"rate": starts[-1]}]
    classes = [f"reach-map__band-{n}" for n in range(5)]
    if not starts[-1]:
        # Nobody reached anywhere yet: one class, not five empty ranges.
        labels, classes = [_("nobody reached")], classes[:1]
    labels.append(_("no data, or %(fewer)s") % {"fewer": fewer_than()})
    classes.append("reach-map__none")
    if others:
        labels.append(_("not in this report"))
        classes.append("reach-map__other")
    parts = [
        format_html(
            '<text class="reach-chart__legend" x="{}" y="{}">{}</text>',
            MAP_PAD,
            top + 16,
            _("Reached residents per 1,000"),
        )
    ]
    for index, (classname, text) in enumerate(zip(classes, labels, strict=True)):
        y = top + (index + 1) * MAP_LEGEND_ROW + 4
        parts.append(
            format_html(
                '<rect class="{}" x="{}" y="{}" width="18" height="16"/>'
                '<text class="reach-chart__legend" x="{}" y="{}">{}</text>',
                classname,
                MAP_PAD,
                y,
                MAP_PAD + 26,
                y + 13,
                text,
            )
        )
    return join(parts)


# Funnel


def funnel_chart(steps):
    """Draw horizontal bars for [(label, count or None when suppressed)], widest first."""
    peak = max((count or 0 for _label, count in steps), default=0) or 1
    room = FUNNEL_WIDTH - FUNNEL_LABEL - FUNNEL_VALUE
    parts, spoken = [], []
    for index, (text, count) in enumerate(steps):
        y = index * FUNNEL_ROW + 6
        bar = room * (count or 0) / peak
        shown = fewer_than() if count is None else str(count)
        spoken.append(f"{text} {shown}")
        parts.append(
            format_html(
                '<text class="reach-chart__legend" x="0" y="{}">{}</text>'
                '<rect class="reach-funnel__bar reach-funnel__bar--{}" x="{}" y="{}" '
                'width="{}" height="24"/>'
                '<text class="reach-chart__legend" x="{}" y="{}">{}</text>',
                y + 17,
                text,
                index,
                FUNNEL_LABEL,
                y,
                number(bar),
                number(FUNNEL_LABEL + bar + 8),
                y + 17,
                shown,
            )
        )
    label = _("Funnel: %(steps)s") % {"steps": ", ".join(spoken)}
    return svg("reach-funnel", label, FUNNEL_WIDTH, len(steps) * FUNNEL_ROW + 6, join(parts))
