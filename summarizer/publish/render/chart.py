"""Geometry of the "at a glance" charts, drawn as inline SVG by ``templates/_glance.svg.j2``.

A template beats a plotting library here: two bar charts need a few rectangles, and
matplotlib or pygal would add tens of megabytes and a slower first render (``bench/chart.py``
measures both). Colours come from the page's CSS, so the charts follow dark mode and print.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.publish.render.view import AtAGlance
from summarizer.text.layout import shorten

WIDTH = 320
"""SVG user units; at a phone's 360 px the charts render at about their natural size."""
LABEL_CHARS = 44
_ROW = 30
_BAR = 9
_TOP = 4
_HOUR_AREA = 96
_HOUR_LEFT = 22
_HOUR_SLOT = (WIDTH - _HOUR_LEFT - 4) / 24


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    label_x: float
    label_y: float


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    y: float
    text: str


@dataclass(frozen=True, slots=True)
class ChartGeometry:
    height: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...] = ()
    baseline_y: float = 0.0


def sources_chart(glance: AtAGlance) -> ChartGeometry:
    """One row per story: its number and headline, then a bar as long as its source count."""
    most = max((s.outlets for s in glance.stories), default=1)
    usable = WIDTH - 34
    bars = []
    for row, story in enumerate(glance.stories):
        top = _TOP + row * _ROW
        length = max(usable * story.outlets / most, 2.0)
        bars.append(
            Bar(
                x=0,
                y=top + 14,
                width=round(length, 1),
                height=_BAR,
                value=story.outlets,
                label=shorten(f"{story.number}. {story.headline}", LABEL_CHARS),
                label_x=round(length + 5, 1),
                label_y=top + 11,
            )
        )
    return ChartGeometry(height=_TOP + len(bars) * _ROW + 2, bars=tuple(bars))


def hours_chart(glance: AtAGlance) -> ChartGeometry:
    """24 columns, one per hour of the day, as tall as the articles published in it."""
    most = max(glance.hours, default=0) or 1
    baseline = _TOP + 12 + _HOUR_AREA
    bars = []
    for hour, value in enumerate(glance.hours):
        height = round(_HOUR_AREA * value / most, 1)
        x = round(_HOUR_LEFT + hour * _HOUR_SLOT + 1, 1)
        bars.append(
            Bar(
                x=x,
                y=round(baseline - height, 1),
                width=round(_HOUR_SLOT - 2, 1),
                height=height,
                value=value,
                label=f"{hour:02d}:00",
                label_x=round(x + (_HOUR_SLOT - 2) / 2, 1),
                label_y=round(baseline - height - 3, 1),
            )
        )
    ticks = [
        Tick(
            round(_HOUR_LEFT + hour * _HOUR_SLOT + _HOUR_SLOT / 2, 1), baseline + 14, f"{hour:02d}"
        )
        for hour in (0, 6, 12, 18, 23)
    ]
    ticks.append(Tick(_HOUR_LEFT - 4, _TOP + 20, str(most)))
    return ChartGeometry(
        height=baseline + 20, bars=tuple(bars), ticks=tuple(ticks), baseline_y=baseline
    )
