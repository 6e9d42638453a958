#!/usr/bin/env python3
"""What parsing a QuickChart config costs beside drawing its chart (issue 15: under 10 % for 8 KB).

    .venv/bin/python bench/quickchart_parse.py

Builds an 8 KB Chart.js config in the forms real URLs use (unquoted keys,
single quotes, trailing commas, a function), then times, each as the median
of several runs: the parser alone, the whole QuickChart reader (parse + map
+ native validation) and drawing the chart it gives (render + PNG encode, at
QuickChart's default devicePixelRatio 2). Prints one line per measurement
and the ratio; docs/quickchart.md quotes a run.
"""

import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lib"))

from dyngraph.draw import draw_chart  # noqa: E402
from dyngraph.quickchart import literal, read  # noqa: E402
from dyngraph.limits import Limits  # noqa: E402
from dyngraph.settings import Settings  # noqa: E402

TARGET = 8 * 1024


def config(size=TARGET):
    """A line chart with three datasets, grown to about ``size`` characters."""
    points = 10
    while True:
        labels = ",".join(f"'Day {i}'" for i in range(points))
        sets = ",".join(
            f"{{label:'Series {s}',data:[{','.join(str((i * 37 + s * 11) % 97 + 0.5) for i in range(points))},],"
            f"borderColor:'rgba({40 * s},99,132,1)',fill:false,}}" for s in range(3))
        text = (f"{{type:'line', // a comment\ndata:{{labels:[{labels}],datasets:[{sets}]}},"
                "options:{title:{display:true,text:'Eight kilobytes'},legend:{position:'bottom'},"
                "scales:{yAxes:[{ticks:{beginAtZero:true,callback:(v) => v + ' ms'}}]}}}")
        if len(text) >= size:
            return text
        points += 5


def median_ms(action, runs):
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main():
    # 8 KB of config is ~13 KB of URL: over the default 8,190-byte query limit (DYNGRAPH_MAX_QUERY_LENGTH)
    settings = Settings(limits=Limits(max_query_length=32_768))
    text = config()
    query = "c=" + quote(text, safe="")
    chart = read(query, settings)
    parse_ms = median_ms(lambda: literal.parse(text, max_length=1 << 20), 30)
    read_ms = median_ms(lambda: read(query, settings), 30)
    draw_ms = median_ms(lambda: draw_chart(chart.spec, settings), 10)
    print(f"config: {len(text)} characters, {len(chart.spec.data[0])} points x {len(chart.spec.data)} datasets; "
          f"image {chart.spec.width * chart.spec.scale}x{chart.spec.height * chart.spec.scale}")
    print(f"parse (literal.parse):             {parse_ms:7.2f} ms")
    print(f"read (parse + map + validate):     {read_ms:7.2f} ms")
    print(f"draw (render + PNG):               {draw_ms:7.2f} ms")
    print(f"parse / draw: {parse_ms / draw_ms:.1%}; read / draw: {read_ms / draw_ms:.1%} (target: parse < 10 %)")


if __name__ == "__main__":
    main()
