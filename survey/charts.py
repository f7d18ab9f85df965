"""Horizontal bar charts as inline SVG, drawn on the server: no JavaScript, no CDN, nothing to load.

Each chart is an `<svg role="img">` named by its `<title>` and described by its `<desc>` (the counts in words); the
template puts the same numbers in a table next to it, so the chart is never the only way to read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string

LABEL_WIDTH = 260
BAR_AREA = 360
VALUE_WIDTH = 90
ROW_HEIGHT = 28
BAR_HEIGHT = 18
LABEL_CHARS = 38


@dataclass
class ChartRow:
    label: str
    short_label: str
    count: int
    percent: float
    y: int
    text_y: int
    width: float
    value_x: float


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart_svg(*, chart_id: str, title: str, description: str, bars) -> str:
    """The SVG of one question's bars (`bars`: objects with label, count and percent)."""
    bars = list(bars)
    top = max((bar.count for bar in bars), default=0) or 1
    rows = [
        ChartRow(
            label=bar.label,
            short_label=shorten(bar.label),
            count=bar.count,
            percent=bar.percent,
            y=index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2,
            text_y=index * ROW_HEIGHT + ROW_HEIGHT // 2 + 5,
            width=round(BAR_AREA * bar.count / top, 1),
            value_x=round(LABEL_WIDTH + 6 + BAR_AREA * bar.count / top, 1),
        )
        for index, bar in enumerate(bars)
    ]
    return render_to_string(
        "survey/includes/bar_chart.svg",
        {
            "chart_id": chart_id,
            "title": title,
            "description": description,
            "rows": rows,
            "width": LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
            "height": max(len(rows), 1) * ROW_HEIGHT,
            "label_x": LABEL_WIDTH - 8,
            "bar_x": LABEL_WIDTH,
            "bar_height": BAR_HEIGHT,
        },
    )
