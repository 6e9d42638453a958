"""The example charts shown on page.py's gallery: one or more per chart type."""

import math

from .spec import make

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def examples():
    """(caption, spec) pairs covering every chart type."""
    return [
        ("Line: two series with a gap", make(
            type="line", data=[[12, 15, 14, 18, 22, 27, None, 31, 29, 33, 36, 40],
                               [8, 9, 11, 10, 13, 15, 17, 16, 19, 21, 20, 24]],
            labels=MONTHS, legend=["Visits (k)", "Sign-ups (k)"], title="Traffic 2026")),
        ("Area: stacked", make(
            type="area", stacked=True, data=[[3, 4, 6, 5, 7, 8], [2, 2, 3, 4, 3, 5], [1, 2, 1, 2, 3, 2]],
            labels=MONTHS[:6], legend=["North", "South", "West"], title="Sales by region")),
        ("Bar: grouped, with negatives", make(
            type="bar", data=[[5, -3, 8, 12], [7, 2, -4, 9]], labels=["Q1", "Q2", "Q3", "Q4"],
            legend=["2025", "2026"], title="Profit (k EUR)")),
        ("Bar: stacked", make(
            type="bar", stacked=True, data=[[20, 25, 30, 28], [10, 12, 9, 15], [5, 6, 8, 7]],
            labels=["Mon", "Tue", "Wed", "Thu"], legend=["Web", "Mail", "Phone"], title="Tickets")),
        ("Horizontal bar", make(
            type="hbar", data=[[1200, 950, 780, 410, 260]], labels=["Apache", "nginx", "IIS", "LiteSpeed", "Caddy"],
            title="Servers seen")),
        ("Pie", make(
            type="pie", data=[[45, 25, 15, 10, 5]], labels=["Direct", "Search", "Social", "Mail", "Other"],
            title="Where visitors come from")),
        ("Donut", make(
            type="donut", data=[[62, 38]], labels=["Used", "Free"], title="Disk", colors=["d55e00", "cccccc"])),
        ("Scatter: x,y pairs", make(
            type="scatter", data=[[1, 2, 2, 3.5, 3, 3.1, 4, 5.2, 5, 4.8, 6, 6.9], [1, 5, 2, 4.2, 3.5, 3, 5, 1.5, 6, 2]],
            legend=["Group A", "Group B"], title="Load vs latency")),
        ("Radar: two series, the first filled", make(
            type="radar", data=[[65, 59, 90, 81, 56, 55], [28, 48, 40, 19, 96, 27]], dots=True,
            labels=["Speed", "Range", "Comfort", "Safety", "Price", "Style"], legend=["Model A", "Model B"],
            marks="B,0072b250,0,0,0", title="Two cars compared")),
        ("Line over time: a day of 5-minute readings (docs/time.md)", make(
            type="line", start="2026-03-03T00:00", step="5m", title="Server room, degrees C",
            data=[[round(18 + 4 * math.sin(math.pi * (i - 72) / 144) + 0.5 * math.sin(i / 5) * math.sin(i / 17), 1)
                   for i in range(289)]])),
        ("Sparkline with min/max/last markers", make(
            type="sparkline", data=[[5, 6, 4, 7, 9, 8, 6, 5, 7, 10, 12, 11, 9, 13]], markers=["min", "max", "last"],
            width=160, height=36)),
    ]


# Old Google Image Charts URLs, as pages still carry them: get_graph.py draws
# them too (docs/google.md). (caption, query, width, height); sizes follow chs.
GOOGLE_EXAMPLES = [
    ("Google URL: 3-D pie (cht=p3)", "cht=p3&chs=250x100&chd=t:60,40&chl=Hello|World", 250, 100),
    ("Google URL: grouped bars with axes (cht=bvg)",
     "cht=bvg&chs=300x160&chd=t:20,35,50,65|30,25,60,40&chco=4D89F9,C6D9FD&chbh=a,4,16"
     "&chdl=2025|2026&chxt=x,y&chxl=0:|Q1|Q2|Q3|Q4&chtt=Orders", 300, 160),
    ("Google URL: line with markers (cht=lc)",
     "cht=lc&chs=300x160&chd=t:10,25,20,45,40,70,65&chco=E4061C&chm=o,E4061C,0,-1,6"
     "&chxt=x,y&chxl=0:|Mon|Tue|Wed|Thu|Fri|Sat|Sun&chg=0,25,4,2", 300, 160),
]
QR_EXAMPLE = ("Google URL: QR code (cht=qr)", "cht=qr&chs=160x160&chl=https://example.com/&choe=UTF-8", 160, 160)


def google_examples():
    """Google URL examples for the page; the QR code only where segno is installed."""
    from importlib.util import find_spec

    return GOOGLE_EXAMPLES + ([QR_EXAMPLE] if find_spec("segno") else [])
