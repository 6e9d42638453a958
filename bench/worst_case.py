#!/usr/bin/env python3
"""Find and time the most expensive request the default limits allow, per chart type.

    .venv/bin/python bench/worst_case.py            # every candidate in every format
    .venv/bin/python bench/worst_case.py --quick    # PNG and JPEG only, one run each

Each candidate is a real query string that the default limits accept (the
script checks: it must answer 200), pushing one limit to its edge: the pixel
cap, the query length filled with values, 16 series, thousands of labels or
slices, the longest texts, the widest lines with dots. Every candidate is
timed through the whole image application (parse, draw, encode) in process;
the slowest per type is timed again (best of --repeat) and compared with the
one-second budget. Exit status 1 when any type is over budget.
"""

import argparse
import io
import sys
import time
from pathlib import Path
from wsgiref.util import setup_testing_defaults

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "lib"))

from dyngraph import spec as spec_module  # noqa: E402
from dyngraph.graph_app import make_app  # noqa: E402
from dyngraph.limits import Limits  # noqa: E402
from dyngraph.settings import Settings  # noqa: E402

BUDGET = 1.0
LIMITS = Limits()
QUERY_BUDGET = LIMITS.max_query_length - 200  # room for the other parameters
# Sizes at the pixel cap: the widest allowed, and the largest square (biggest pie).
WIDE = (LIMITS.max_width, LIMITS.max_pixels // LIMITS.max_width)
SQUARE = (int(LIMITS.max_pixels ** 0.5),) * 2
TYPES = tuple(spec_module.CHART_TYPES)
STRESS_TITLE = "W" * LIMITS.max_title_length
TEXT_MIX = "Wé中😀ش" * (LIMITS.max_label_length // 5)


def values(budget, pattern=("0", "9")):
    """Comma-separated values filling ``budget`` bytes, cycling through ``pattern``."""
    out, used = [], 0
    while used + len(pattern[len(out) % len(pattern)]) + 1 <= budget:
        out.append(pattern[len(out) % len(pattern)])
        used += len(out[-1]) + 1
    return out


def fit(items, sep, budget):
    """As many of ``items`` (already encoded) joined by ``sep`` as fit in ``budget`` bytes."""
    out, used = [], 0
    for item in items:
        if used + len(item) + len(sep) > budget:
            break
        out.append(item)
        used += len(item) + len(sep)
    return sep.join(out)


def quote(text):
    from urllib.parse import quote as q

    return q(text, safe=",|")


def applicable(query):
    """``query`` without the parameters that mean nothing for its chart type (those are a 400)."""
    params = [p.partition("=") for p in query.split("&")]
    kind = next((v for n, _, v in params if n == "type"), "line")
    applies = getattr(spec_module, "APPLIES_TO", {})
    return "&".join(f"{n}={v}" for n, _, v in params if kind in applies.get(n, (kind,)))


def candidates(chart_type):
    """(name, query without format) pairs, each at the edge of one or more limits."""
    return [(name, applicable(query)) for name, query in _candidates(chart_type)]


def _candidates(chart_type):
    w, h = WIDE
    sw, sh = SQUARE
    base = f"type={chart_type}"
    found = []
    if chart_type in ("pie", "donut"):
        ones = values(QUERY_BUDGET, ("1",))[:LIMITS.max_slices]
        found.append(("most slices allowed, square at the pixel cap", f"{base}&width={sw}&height={sh}&data={','.join(ones)}"))
        half = values(QUERY_BUDGET // 2, ("1", "2"))[:LIMITS.max_slices]
        labels = "|".join("W" * 12 for _ in half)
        found.append(("slices with a label each", f"{base}&width={sw}&height={sh}&data={','.join(half)}"
                                                   f"&labels={labels}&legendpos=right"))
        few = ["1"] * 40
        labels = fit([quote(TEXT_MIX[:LIMITS.max_label_length])] * 40, "|", QUERY_BUDGET - 200)
        found.append(("40 slices with the longest labels that fit",
                      f"{base}&width={sw}&height={sh}&data={','.join(few)}&labels={labels}"))
        found.append(("wide at the pixel cap, 2 slices", f"{base}&width={w}&height={h}&data=1,2&title=" + STRESS_TITLE))
        return found
    pairs = 2 if chart_type == "scatter" else 1
    many = values(QUERY_BUDGET, ("0", "9"))
    many = many[:len(many) - len(many) % pairs]
    found.append(("query filled with zigzag values, widest lines and dots, at the pixel cap",
                  f"{base}&width={w}&height={h}&linewidth=12&dots=1&data={','.join(many)}"))
    found.append(("same, square", f"{base}&width={sw}&height={sh}&linewidth=12&dots=1&data={','.join(many)}"))
    spread = values(QUERY_BUDGET, ("-999999999999999", "999999999999999", "0"))
    spread = spread[:len(spread) - len(spread) % pairs]
    found.append(("extreme magnitudes", f"{base}&width={w}&height={h}&linewidth=12&dots=1&data={','.join(spread)}"))
    n_series = LIMITS.max_series
    legend = "|".join(("L%02d" % i) + "W" * 60 for i in range(n_series))
    per = values((QUERY_BUDGET - len(legend)) // n_series - 1, ("1", "8", "3"))
    per = per[:len(per) - len(per) % pairs] or ["1", "2"]
    found.append((f"{n_series} series with long legend names",
                  f"{base}&width={w}&height={h}&stacked=1&dots=1&linewidth=12"
                  f"&data={'|'.join(','.join(per) for _ in range(n_series))}&legend={legend}"))
    half = values(QUERY_BUDGET // 2, ("1", "5"))
    half = half[:len(half) - len(half) % pairs]
    found.append(("thousands of labels", f"{base}&width={w}&height={h}&data={','.join(half)}"
                                         f"&labels={'|'.join('W' for _ in half)}"))
    labels = fit([quote(TEXT_MIX[:LIMITS.max_label_length])] * 20, "|", QUERY_BUDGET - 400)
    found.append(("long title and the longest mixed-script labels that fit",
                  f"{base}&width={w}&height={h}&data=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20"
                  f"&title={quote(STRESS_TITLE)}&labels={labels}"))
    if chart_type == "sparkline":
        found.append(("sparkline with every marker", f"{base}&width={w}&height={h}&markers=min,max,first,last"
                                                      f"&linewidth=12&data={','.join(many)}"))
    return found


def code_candidates():
    """QR codes, when the build has them: the largest payload at the largest size."""
    if "qr" not in getattr(spec_module, "CODE_TYPES", ()):
        return []
    text = "W" * 2900
    w, h = SQUARE
    return [("qr", "largest QR payload at the pixel cap", f"type=qr&width={w}&height={h}&qrtext={text}&qrmargin=0"),
            ("qr", "level H payload", f"type=qr&width={w}&height={h}&qrlevel=H&qrtext={'9' * 1270}")]


def run(app, query):
    """One request through the image app; returns (status, seconds, bytes)."""
    environ = {}
    setup_testing_defaults(environ)
    environ.update(REQUEST_METHOD="GET", QUERY_STRING=query, **{"wsgi.errors": io.StringIO()})
    status = []
    started = time.perf_counter()
    body = b"".join(app(environ, lambda s, h, exc_info=None: status.append(int(s[:3]))))
    elapsed = time.perf_counter() - started
    return status[0], elapsed, body


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="PNG and JPEG only")
    parser.add_argument("--repeat", type=int, default=3, help="timings of the worst case per type (best is kept)")
    args = parser.parse_args(argv)
    formats = ("png", "jpeg") if args.quick else spec_module.FORMATS
    app = make_app(Settings())
    run(app, "data=1,2,3")  # imports, fonts

    jobs = [(t, name, q) for t in TYPES for name, q in candidates(t)] + code_candidates()
    worst = {}
    for chart_type, name, query in jobs:
        for fmt in formats:
            full = f"{query}&format={fmt}" + ("&quality=95" if fmt in ("jpeg", "webp") else "")
            assert len(full) <= LIMITS.max_query_length, (name, len(full))
            status, seconds, body = run(app, full)
            if status != 200:
                print(f"  [{chart_type}] {name} ({fmt}): refused with {status}: {body[:120]!r}")
                continue
            if seconds > worst.get(chart_type, (0,))[0]:
                worst[chart_type] = (seconds, name, fmt, full, len(body))

    print(f"Worst request per type (best of {args.repeat}; limits: {WIDE[0]}x{WIDE[1]} or {SQUARE[0]}x{SQUARE[1]} "
          f"max, {LIMITS.max_query_length}-byte query, {LIMITS.max_series} series, {LIMITS.max_text} chars of text)")
    overall = None
    for chart_type, (_, name, fmt, full, size) in worst.items():
        seconds = min(run(app, full)[1] for _ in range(args.repeat))
        flag = "ok" if seconds < BUDGET else "OVER BUDGET"
        print(f"  {chart_type:10} {seconds * 1000:7.0f} ms  {fmt:5} {size / 1024:6.0f} KiB  {name}  [{flag}]")
        if overall is None or seconds > overall[0]:
            overall = (seconds, chart_type, name, fmt, full)
    seconds, chart_type, name, fmt, full = overall
    print(f"\nWorst overall: {chart_type}, {name}, {fmt}: {seconds * 1000:.0f} ms "
          f"({'under' if seconds < BUDGET else 'OVER'} the {BUDGET:.0f} s budget)")
    print(f"  query ({len(full)} bytes): {full[:160]}…")
    return 0 if seconds < BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
