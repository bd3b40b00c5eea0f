"""The reach report's SVG charts: a map shape per outlined place, a line per kind."""

import datetime
import math
import re
from decimal import Decimal
from xml.etree import ElementTree

from campaigns.models import Participation
from campaigns.reach import Reach
from campaigns.reach_charts import (
    MapPlace,
    band,
    band_starts,
    fewer_than,
    funnel_chart,
    reach_map,
    rings,
    trend_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
RING = [[115.9, 28.5], [116.0, 28.5], [116.0, 28.6], [115.9, 28.6], [115.9, 28.5]]
HOLE = [[115.92, 28.52], [115.94, 28.52], [115.94, 28.54], [115.92, 28.52]]
POLYGON = {"type": "Polygon", "coordinates": [RING, HOLE]}
EAST = [[[lon + 0.2, lat] for lon, lat in RING]]


def parse(svg):
    return ElementTree.fromstring(str(svg))  # noqa: S314 - markup these tests just drew


def shapes(svg):
    return parse(svg).findall(f"{SVG}path")


def test_every_geojson_kind_gives_its_rings():
    feature = {"type": "Feature", "properties": {}, "geometry": POLYGON}
    collection = {"type": "FeatureCollection", "features": [feature, feature]}

    assert len(rings(POLYGON)) == 2
    assert len(rings({"type": "MultiPolygon", "coordinates": [[RING], EAST]})) == 2
    assert len(rings(feature)) == 2
    assert len(rings(collection)) == 4


def test_malformed_outlines_give_no_rings_instead_of_an_error():
    for outline in (
        None,
        {"type": "Polygon"},
        {"type": "Polygon", "coordinates": [[["a", "b"], [1]]]},
        {"type": "Point", "coordinates": [1, 2]},
        {"type": "Feature", "geometry": None},
        {"type": "MultiPolygon", "coordinates": "nonsense"},
    ):
        assert rings(outline) == []


def test_the_map_draws_one_shape_per_outlined_place_in_its_rate_band():
    county_rate = Decimal(10)
    places = [
        MapPlace("冷社区", POLYGON, Decimal(2), "2 per 1,000"),
        MapPlace("中社区", {"type": "MultiPolygon", "coordinates": [[RING], EAST]}, Decimal(10)),
        MapPlace("热社区", {"type": "Feature", "geometry": POLYGON}, Decimal(30)),
        MapPlace("少社区", POLYGON, None, fewer_than()),
        MapPlace("无轮廓", None, Decimal(5)),
        MapPlace(None, POLYGON),
    ]

    drawn = shapes(reach_map(places, county_rate))

    classes = [shape.get("class").split()[1] for shape in drawn]
    assert classes == [
        "reach-map__band-0",
        "reach-map__band-2",
        "reach-map__band-4",
        "reach-map__none",
        "reach-map__other",
    ]
    titles = [shape.findtext(f"{SVG}title") for shape in drawn]
    assert titles[0] == "冷社区: 2 per 1,000"
    assert titles[3] == f"少社区: {fewer_than()}"
    assert titles[4] is None  # a place the user may not see has no name on the map
    assert drawn[0].get("d").count("M") == 2  # the outline and its hole


def test_the_map_and_charts_are_labelled_images():
    charts = [
        reach_map([MapPlace("社区", POLYGON, Decimal(1))], Decimal(1)),
        trend_chart([(datetime.date(2026, 3, 1), {"quiz": 2})]),
        funnel_chart([("Poster visits", 10), ("Took a quiz", None)]),
    ]

    for chart in charts:
        root = parse(chart)
        assert root.get("role") == "img" and root.get("aria-label")
        assert "style=" not in str(chart)


def test_the_projection_keeps_shapes_square_at_the_county_latitude():
    square = {"type": "Polygon", "coordinates": [[[0, 28], [1, 28], [1, 29], [0, 29], [0, 28]]]}

    path = shapes(reach_map([MapPlace("方", square, Decimal(1))], Decimal(1)))[0].get("d")

    points = [map(float, pair.split(",")) for pair in re.findall(r"[\d.]+,[\d.]+", path)]
    xs, ys = zip(*points, strict=True)
    ratio = (max(xs) - min(xs)) / (max(ys) - min(ys))
    assert abs(ratio - 0.8788) < 0.01  # cos(28.5°)


def test_anyone_reached_lifts_a_place_out_of_the_lowest_band():
    starts = band_starts(Decimal(10))

    assert [band(rate, starts) for rate in (0, Decimal("4.9"), 5, 8, 12, 15, 99)] == [
        0,
        0,
        1,
        2,
        3,
        4,
        4,
    ]
    assert band(Decimal("0.1"), band_starts(None)) == 4


def test_the_trend_draws_one_series_per_kind_over_every_day():
    days = [
        (datetime.date(2026, 3, 1), {"quiz": 4, "visit": 10}),
        (datetime.date(2026, 3, 4), {"pledge": 2}),
    ]

    root = parse(trend_chart(days, end=datetime.date(2026, 3, 5)))

    series = root.findall(f"{SVG}g[@data-kind]")
    assert [g.get("data-kind") for g in series] == [kind.value for kind in Participation.Kind]
    for g in series:
        assert len(g.find(f"{SVG}polyline").get("points").split()) == 5
    legend = [text.text for text in root.iter(f"{SVG}text")]
    assert all(str(kind.label) in legend for kind in Participation.Kind)


def test_a_trend_without_acts_says_so():
    root = parse(trend_chart([]))

    assert root.findall(f"{SVG}g[@data-kind]") == []
    assert root.find(f"{SVG}text").text


def test_the_funnel_shows_suppressed_steps_as_fewer_than_five():
    figures = Reach(visits=40, quiz_takers=None, pledgers=7, attendees=0)

    root = parse(funnel_chart([(step, count) for step, count in figures.funnel]))

    assert [rect.get("width") for rect in root.findall(f"{SVG}rect")][1:] == ["0.0", "38.5", "0.0"]
    assert fewer_than() in [text.text for text in root.iter(f"{SVG}text")]


def tile(column, row):
    """Return a small square outline at a grid position, as the demo's tiles lie."""
    west, north = 115.9 + column * 0.02, 28.6 - row * 0.02
    corners = [
        [west, north],
        [west + 0.02, north],
        [west + 0.02, north - 0.02],
        [west, north - 0.02],
    ]
    return {"type": "Polygon", "coordinates": [[*corners, corners[0]]]}


def test_every_named_shape_gets_a_numbered_marker_and_a_key_line_with_name_and_figure():
    places = [MapPlace(f"社区{n}", tile(n % 6, n // 6), Decimal(n)) for n in range(30)]
    places.append(MapPlace("少社区", tile(0, 5), None, fewer_than()))
    places.append(MapPlace(None, tile(1, 5)))

    root = parse(reach_map(places, Decimal(10)))

    markers = root.findall(f"{SVG}g[@class='reach-map__marker']")
    keys = [
        text.text for text in root.iter(f"{SVG}text") if "reach-map__key" in text.get("class", "")
    ]
    assert len(markers) == 2 * 31  # on the shape and in the key; none for a hidden place
    assert sorted(keys) == sorted([f"社区{n} {n}" for n in range(30)] + ["少社区 –"])


def test_map_markers_are_numbered_row_by_row_and_never_share_a_spot():
    places = [MapPlace(f"社区{n}", tile(n % 6, n // 6), Decimal(n)) for n in range(30)]

    root = parse(reach_map(places, Decimal(10)))

    on_map = root.findall(f"{SVG}g[@class='reach-map__marker']")[:30]
    spots = [(float(g[0].get("cx")), float(g[0].get("cy"))) for g in on_map]
    assert [g[1].text for g in on_map] == [str(n) for n in range(1, 31)]
    assert spots == sorted(spots, key=lambda xy: (xy[1], xy[0]))
    nearest = min(math.dist(a, b) for i, a in enumerate(spots) for b in spots[i + 1 :])
    assert nearest > 2 * 9  # two marker radii: no marker covers another
