#!/usr/bin/env python3
"""The baseline: a chart drawn by matplotlib (Agg) in a CGI script, as a matplotlib user would write it.

It reads the same query string as get_graph.py (data, legend, title,
width, height, format, quality) and draws the same line chart: a title, both
axes with tick labels, a legend and a grid. It is given matplotlib's best
case: the object API (no pyplot), no layout engine, and a persistent font
cache (bench/run.py sets MPLCONFIGDIR). bench/run.py also imports
:func:`draw` to time matplotlib in process.

With ``BENCH_CGI_TRICKS=1`` it also gets what dyngraph's CGI scripts do for
a one-request process: no cycle collector, no interpreter shutdown (see
dyngraph.gateway.end_cgi), so the report can show the ratio both ways.
"""

import gc
import io
import os
import sys

TRICKS = os.environ.get("BENCH_CGI_TRICKS") == "1"
if TRICKS and __name__ == "__main__":
    gc.disable()
from urllib.parse import parse_qs

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402

DPI = 100


def parse(query_string):
    """The subset of dyngraph's parameters the standard chart uses."""
    q = {name: values[0] for name, values in parse_qs(query_string, keep_blank_values=True).items()}
    return {
        "data": [[float(v) for v in s.split(",")] for s in q["data"].split("|")],
        "legend": q["legend"].split("|") if q.get("legend") else [],
        "title": q.get("title", ""),
        "width": int(q.get("width", 480)),
        "height": int(q.get("height", 240)),
        "format": q.get("format", "jpeg"),
        "quality": int(q.get("quality", 90)),
    }


def draw(data, legend, title, width, height, format, quality=90):  # noqa: A002 - the URL's name
    """Draw the line chart and return the encoded image bytes."""
    figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    axes = figure.add_subplot()
    for index, series in enumerate(data):
        axes.plot(series, label=legend[index] if index < len(legend) else None)
    if title:
        axes.set_title(title)
    axes.grid(True)
    if legend:
        axes.legend()
    out = io.BytesIO()
    extra = {"pil_kwargs": {"quality": quality}} if format == "jpeg" else {}
    figure.savefig(out, format=format, dpi=DPI, **extra)
    return out.getvalue()


def main():
    chart = parse(os.environ.get("QUERY_STRING", ""))
    body = draw(**chart)
    head = f"Status: 200 OK\r\nContent-Type: image/{chart['format']}\r\nContent-Length: {len(body)}\r\n\r\n"
    sys.stdout.buffer.write(head.encode("ascii") + body)


if __name__ == "__main__":
    main()
    if TRICKS:
        sys.stdout.flush()
        os._exit(0)
