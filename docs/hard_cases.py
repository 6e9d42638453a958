"""The hard cases of issue 11 (readable on real data), shared by docs/make_hard_images.py and tests/test_hard_cases.py.

Each case is a native query string drawn by dyngraph and the same data drawn by
matplotlib (Agg, default style) for comparison; the renderer before issue 11
reads the same queries.
"""

import math

WIDTH, HEIGHT = 480, 240

_DAILY = [round(10 + 5 * math.sin(i / 20) + (i % 7) / 3, 2) for i in range(365)]
_SERIES = [[(i * 7 + j * 3) % 11 + i for j in range(8)] for i in range(16)]
_SLICES = [30, 22, 15, 12, 9, 7, 6, 5, 4, 3, 3, 2, 2, 1, 1, 1, 0.5, 0.5]


def _q(**params):
    return "&".join(f"{k}={v}" for k, v in params.items())


CASES = [
    dict(name="mid-grey", title="Text and series on a mid-grey background (808080)",
         query=_q(type="bar", data="3,5,2|4,1,6|2,2,3", labels="Alpha|Beta|Gamma", legend="One|Two|Three",
                  title="Tickets by channel", background="808080"),
         kind="bar", data=[[3, 5, 2], [4, 1, 6], [2, 2, 3]], labels=["Alpha", "Beta", "Gamma"],
         legend=["One", "Two", "Three"], background="#808080"),
    dict(name="brand-blue", title="The brand blue 4a90e2 as background",
         query=_q(type="line", data="12,15,14,18,22,27|8,9,11,10,13,15", labels="Jan|Feb|Mar|Apr|May|Jun",
                  legend="Visits|Sign-ups", title="Traffic", background="4a90e2"),
         kind="line", data=[[12, 15, 14, 18, 22, 27], [8, 9, 11, 10, 13, 15]],
         labels=["Jan", "Feb", "Mar", "Apr", "May", "Jun"], legend=["Visits", "Sign-ups"], background="#4a90e2"),
    dict(name="sixteen-series", title="Sixteen series: 12 colours, then dashes",
         query=_q(type="line", data="|".join(",".join(map(str, s)) for s in _SERIES),
                  legend="|".join(f"S{i}" for i in range(16)), title="Sixteen series", legendpos="right"),
         kind="line", data=_SERIES, labels=[str(i + 1) for i in range(8)], legend=[f"S{i}" for i in range(16)]),
    dict(name="many-slices", title="Eighteen slices: the smallest folded into Other",
         query=_q(type="pie", data=",".join(map(str, _SLICES)), labels="|".join(f"S{i}" for i in range(18)),
                  title="Eighteen slices"),
         kind="pie", data=[_SLICES], labels=[f"S{i}" for i in range(18)]),
    dict(name="cjk-euro", title="CJK labels and a euro number format",
         query=_q(type="bar", data="120,340,210", labels="%E9%94%80%E5%94%AE|%E5%88%A9%E6%B6%A6|%E6%88%90%E6%9C%AC",
                  title="%E5%AD%A3%E5%BA%A6%E6%8A%A5%E5%91%8A%20%E2%82%AC", axes="x,y", axisstyles="1N*cEUR0*"),
         kind="bar", data=[[120, 340, 210]], labels=["销售", "利润", "成本"], title_text="季度报告 €", euro=True),
    dict(name="emoji", title="Colour emoji in the title, labels and legend (flags, skin tones, ZWJ sequences)",
         query=_q(type="bar", data="42,27,18|30,35,20",
                  labels="%F0%9F%8D%8E%20Apples|%F0%9F%8D%90%20Pears|%F0%9F%8D%8B%20Lemons",
                  legend="%F0%9F%8C%B3%20Orchard|%F0%9F%9B%92%20Market",
                  title="Fruit%20sold%20%F0%9F%A7%BA%20%F0%9F%91%8D%F0%9F%8F%BD%20%F0%9F%87%AB%F0%9F%87%B7%20"
                        "%F0%9F%91%A8%E2%80%8D%F0%9F%91%A9%E2%80%8D%F0%9F%91%A7", titlesize=20, legendsize=12),
         kind="bar", data=[[42, 27, 18], [30, 35, 20]], labels=["🍎 Apples", "🍐 Pears", "🍋 Lemons"],
         legend=["🌳 Orchard", "🛒 Market"], title_text="Fruit sold 🧺 👍🏽 🇫🇷 👨‍👩‍👧"),
    dict(name="daily-bars", title="365 daily bars",
         query=_q(type="bar", data=",".join(map(str, _DAILY)), title="A year of daily values"),
         kind="bar", data=[_DAILY], labels=None),
    dict(name="long-title", title="A long title and long category labels",
         query=_q(type="bar", data="3,5,2,4", labels="Escalations|Second line support|Field service|Other",
                  title="Escalations to second line support by region and quarter, all teams", width=300),
         kind="bar", data=[[3, 5, 2, 4]], labels=["Escalations", "Second line support", "Field service", "Other"],
         width=300),
    dict(name="long-word", title="Over-long single words: a compound, a URL, a CJK run",
         query=_q(type="bar", data="3,5,2,4",
                  labels="Kundendienstmitarbeiter|example.com/tickets|%E5%AD%A3%E5%BA%A6%E6%8A%A5%E5%91%8A%E9%94%80"
                         "%E5%94%AE%E5%88%A9%E6%B6%A6%E6%88%90%E6%9C%AC|Other",
                  title="Donaudampfschifffahrtsgesellschaftskapit%C3%A4nswitwenrentenversicherung", width=400),
         kind="bar", data=[[3, 5, 2, 4]], labels=["Kundendienstmitarbeiter", "example.com/tickets", "季度报告销售利润成本",
                                                  "Other"],
         title_text="Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung", width=400),
    dict(name="hbar-values", title="Value labels on horizontal bars, negative ones included",
         query=_q(type="hbar", data="120,-45,310,-260,80|90,60,-150,40,-20", labels="North|South|East|West|Central",
                  legend="2025|2026", marks="N,000000,0,-1,11|N,000000,1,-1,11", title="Net change by region"),
         kind="hbar", data=[[120, -45, 310, -260, 80], [90, 60, -150, 40, -20]],
         labels=["North", "South", "East", "West", "Central"], legend=["2025", "2026"], values=True),
    dict(name="stacked-values", title="Value labels on stacked bars: inside each segment, or left out",
         query=_q(type="bar", stacked=1, data="40,12,55,70|25,4,30,60|10,3,2,8", labels="Q1|Q2|Q3|Q4",
                  legend="Online|Shop|Phone", marks="N,000000,0,-1,11|N,000000,1,-1,11|N,000000,2,-1,11",
                  title="Orders by channel"),
         kind="bar", stacked=True, data=[[40, 12, 55, 70], [25, 4, 30, 60], [10, 3, 2, 8]],
         labels=["Q1", "Q2", "Q3", "Q4"], legend=["Online", "Shop", "Phone"], values=True),
    dict(name="mixed-stack", title="A stacked area with negative values",
         query=_q(type="area", stacked=1, data="3,4,2,5|-2,-1,-3,-2|1,2,1,2", legend="In|Out|Other",
                  labels="Q1|Q2|Q3|Q4", title="Cash flow"),
         kind="area", data=[[3, 4, 2, 5], [-2, -1, -3, -2], [1, 2, 1, 2]], labels=["Q1", "Q2", "Q3", "Q4"],
         legend=["In", "Out", "Other"]),
    dict(name="gradient", title="A 170-step gradient background",
         query=_q(type="bar", data="3,5,4", labels="A|B|C", bgfill="lg,0,000000,0,aaaaaa,1", title="Gradient",
                  format="png"),
         kind="bar", data=[[3, 5, 4]], labels=["A", "B", "C"]),
    dict(name="brand-yellow", title="The brand yellow ffcc00 as a series colour on white",
         query=_q(type="line", data="12,15,14,18,22,27|8,9,11,10,13,15", labels="Jan|Feb|Mar|Apr|May|Jun",
                  legend="Brand|Other", colors="ffcc00,0072b2", title="Traffic", titlecolor="ffdd44"),
         kind="line", data=[[12, 15, 14, 18, 22, 27], [8, 9, 11, 10, 13, 15]],
         labels=["Jan", "Feb", "Mar", "Apr", "May", "Jun"], legend=["Brand", "Other"], colors=["#ffcc00", "#0072b2"],
         title_colour="#ffdd44"),
    dict(name="pastel-fills", title="Pastel slices and bars: the colours given, inside an edge that reads",
         query=_q(type="pie", data="30,25,20,15,10", labels="Rent|Food|Travel|Fun|Other",
                  colors="ffd1dc,ffe4b5,fffacd,e0ffff,e6e6fa", title="Where the money went"),
         kind="pie", data=[[30, 25, 20, 15, 10]], labels=["Rent", "Food", "Travel", "Fun", "Other"],
         colors=["#ffd1dc", "#ffe4b5", "#fffacd", "#e0ffff", "#e6e6fa"]),
    dict(name="gradient-text", title="Text across a black-to-white gradient",
         query=_q(type="bar", data="3,5,4|2,4,3", labels="Alpha|Beta|Gamma", legend="Sales|Costs",
                  bgfill="lg,0,000000,0,ffffff,1", title="A title across the middle of the gradient"),
         kind="bar", data=[[3, 5, 4], [2, 4, 3]], labels=["Alpha", "Beta", "Gamma"], legend=["Sales", "Costs"]),
]


def matplotlib_png(case):
    """The case's data drawn by matplotlib with its defaults, as PNG bytes."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    width = case.get("width", WIDTH)
    fig = plt.figure(figsize=(width / 100, HEIGHT / 100), dpi=100)
    ax = fig.add_subplot()
    if case.get("background"):
        fig.set_facecolor(case["background"])
        ax.set_facecolor(case["background"])
    data, labels, names = case["data"], case.get("labels"), case.get("legend") or []
    kind = case["kind"]
    if kind == "pie":
        ax.pie(data[0], labels=labels, startangle=90, counterclock=False,
               **({"colors": case["colors"]} if case.get("colors") else {}))
    elif kind == "bar" and case.get("stacked"):
        bottom = [0.0] * len(data[0])
        for index, series in enumerate(data):
            bars = ax.bar(range(len(series)), series, 0.6, bottom=bottom, label=names[index])
            bottom = [b + v for b, v in zip(bottom, series)]
            if case.get("values"):
                ax.bar_label(bars, label_type="center")
        ax.set_xticks(range(len(data[0])), labels)
    elif kind in ("bar", "hbar"):
        count = len(data[0])
        step = 0.8 / len(data)
        for index, series in enumerate(data):
            xs = [i + index * step - 0.4 + step / 2 for i in range(count)]
            draw = ax.barh if kind == "hbar" else ax.bar
            bars = draw(xs, series, step, label=names[index] if index < len(names) else None)
            if case.get("values"):
                ax.bar_label(bars)
        if labels:
            (ax.set_yticks if kind == "hbar" else ax.set_xticks)(range(count), labels)
        if case.get("euro"):
            ax.yaxis.set_major_formatter(lambda v, _: f"€{v:,.0f}")
    elif kind == "area":
        xs = range(len(data[0]))
        ax.stackplot(xs, *data, labels=names)
        ax.set_xticks(xs, labels)
    else:
        for index, series in enumerate(data):
            colour = {"color": case["colors"][index]} if index < len(case.get("colors", ())) else {}
            ax.plot(range(len(series)), series, label=names[index] if index < len(names) else None, **colour)
        if labels:
            ax.set_xticks(range(len(labels)), labels)
    if names and kind != "pie":
        ax.legend(fontsize=6 if len(names) > 8 else None)
    ax.set_title(case.get("title_text") or _title(case["query"]), **({"color": case["title_colour"]}
                                                                      if case.get("title_colour") else {}))
    out = io.BytesIO()
    try:
        fig.savefig(out, format="png")
    finally:
        plt.close(fig)
    return out.getvalue()


def _title(query):
    from urllib.parse import parse_qsl

    return dict(parse_qsl(query)).get("title", "")
