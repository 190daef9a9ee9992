"""The server-side SVG timeline chart."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from newsledger.serve.chart import FALLBACK_COLOUR, TYPE_COLOURS, Bucket, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: str) -> ET.Element:
    # The chart is inline SVG in HTML; give it the namespace to parse it as XML.
    return ET.fromstring(markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def test_chart_stacks_one_rect_per_type_with_its_colour() -> None:
    buckets = [
        Bucket("2025-12-01", "2025-12-01", "2025-12-01", {"WEAPONS_TEST": 3, "TALKS": 1}),
        Bucket("2025-12-02", "2025-12-02", "2025-12-02", {"NEW_KIND": 2}),
    ]
    root = _parse(str(timeline_svg(buckets)))
    rects = root.findall(f".//{SVG}rect")
    assert sorted((r.get("data-type"), r.get("fill")) for r in rects) == sorted(
        [
            ("WEAPONS_TEST", TYPE_COLOURS["WEAPONS_TEST"]),
            ("TALKS", TYPE_COLOURS["TALKS"]),
            ("NEW_KIND", FALLBACK_COLOUR),
        ]
    )
    # the tallest bar (4 events) reaches the top of the plot; heights are proportional
    heights = {r.get("data-type"): float(r.get("height", 0)) for r in rects}
    assert abs(heights["WEAPONS_TEST"] / heights["TALKS"] - 3) < 0.01


def test_chart_bars_link_to_their_bucket_with_filters_kept() -> None:
    buckets = [Bucket("2025-W52", "2025-12-22", "2025-12-28", {"ORDER": 1})]
    markup = str(timeline_svg(buckets, link_params={"actor": 'Kim "Jong" <Un>'}))
    root = _parse(markup)
    link = root.find(f".//{SVG}a")
    assert link is not None
    href = link.get("href", "")
    assert "since=2025-12-22" in href and "until=2025-12-28" in href and "actor=Kim" in href
    assert "<Un>" not in markup


def test_chart_without_buckets_says_so() -> None:
    assert "No events" in str(timeline_svg([]))
