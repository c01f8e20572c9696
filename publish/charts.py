"""Charts drawn on the server as SVG: no script, no network, readable without JavaScript."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from markupsafe import Markup

BAR_COLOUR = "#3b6ea8"


def month_range(first: str, last: str) -> list[str]:
    """Every month from first to last ("YYYY-MM"), so empty months show as gaps."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def monthly_svg(counts: dict[str, int], link: str = "") -> Markup:
    """Vertical bars, one per month; each bar links to that month's articles when `link`."""
    if not counts:
        return Markup("<p>No dated articles yet.</p>")
    months = month_range(min(counts), max(counts))
    top = max(counts.values())
    width, height, left, bottom = max(600, 6 * len(months) + 60), 240, 40, 30
    step = (width - left - 10) / len(months)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-monthly" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        "<title>Articles published per month</title>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" '
        'stroke="#888"/>',
        f'<text x="4" y="14" font-size="11">{top}</text>',
    ]
    for i, month in enumerate(months):
        value = counts.get(month, 0)
        bar = (height - bottom - 20) * value / top
        x, y = left + i * step, height - bottom - bar
        rect = (
            f'<rect class="bar" data-month="{month}" data-count="{value}" x="{x:.1f}" '
            f'y="{y:.1f}" width="{max(step - 1, 1):.1f}" height="{bar:.1f}" fill="{BAR_COLOUR}">'
            f"<title>{month}: {value}</title></rect>"
        )
        if link and value:
            rect = f'<a href="{escape(link + quote(month))}">{rect}</a>'
        parts.append(rect)
        if month.endswith("-01") or i == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 14}" font-size="10">{month[:4]}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def category_svg(counts: list[tuple[str, int]], link: str = "") -> Markup:
    """Horizontal bars, one per category, largest first."""
    if not counts:
        return Markup("<p>No articles yet.</p>")
    top = max(n for _, n in counts)
    row, label_width, bar_width = 24, 330, 380
    height = row * len(counts) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-category" role="img" '
        f'width="{label_width + bar_width + 60}" height="{height}">',
        "<title>Articles per category</title>",
    ]
    for i, (name, value) in enumerate(counts):
        y = 5 + i * row
        width = bar_width * value / top
        label = escape(name or "(none)")
        text = f'<text x="0" y="{y + 15}" font-size="12">{label}</text>'
        if link and name:
            text = f'<a href="{escape(link + quote(name))}">{text}</a>'
        parts += [
            text,
            f'<rect class="bar" data-category="{label}" data-count="{value}" x="{label_width}" '
            f'y="{y}" width="{width:.1f}" height="{row - 6}" fill="{BAR_COLOUR}">'
            f"<title>{label}: {value}</title></rect>",
            f'<text x="{label_width + width + 4:.1f}" y="{y + 15}" font-size="12">{value}</text>',
        ]
    parts.append("</svg>")
    return Markup("".join(parts))
