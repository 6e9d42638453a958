"""Time series in the spec and on the wire: times, start+step, tz, from/until, gaps; 400s; drawing rules."""

import math
import random
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ImageChops

from conftest import decode
from dyngraph import chart
from dyngraph.errors import SpecError
from dyngraph.record import replace
from dyngraph.render import _drawn, layout, render
from dyngraph.render import timeline
from dyngraph.spec import make, parse, to_query

BERLIN = ZoneInfo("Europe/Berlin")
DAY = datetime(2026, 3, 3, tzinfo=timezone.utc).timestamp()


# --- the spec ------------------------------------------------------------------------------------

_zones = st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"])


@st.composite
def time_specs(draw):
    n = draw(st.integers(1, 30))
    chart_type = draw(st.sampled_from(["line", "area", "bar", "scatter", "sparkline"]))
    options = {"type": chart_type, "tz": draw(_zones)}
    options["data"] = [draw(st.lists(st.one_of(st.none(), st.integers(-100, 100)), min_size=n, max_size=n))
                       for _ in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):
        base = draw(st.integers(-2_000_000_000, 7_000_000_000))
        deltas = draw(st.lists(st.integers(-3600, 86400 * 40), min_size=n - 1, max_size=n - 1))
        times = [base]
        for d in deltas:
            times.append(times[-1] + d)
        if all(-2_200_000_000 < t < 7_200_000_000 for t in times):
            options["times"] = times
        else:
            options["times"] = [base + i for i in range(n)]
    else:
        options["start"] = draw(st.sampled_from(["2026-03-01", "2026-03-29T01:00", "1999-12-31T23:59:30Z",
                                                  "2100-02-28"]))
        options["step"] = draw(st.sampled_from(["30s", "5m", "1h", "1d", "1w", "1mo", "3mo", "1y"]))
    if chart_type not in ("bar", "scatter") and draw(st.booleans()):  # no line to break (scatter: without lines)
        options["gaps"] = draw(st.sampled_from([0, 1.5, 3, 10]))
    if draw(st.booleans()):
        options["from"] = draw(st.sampled_from(["1990-01-01", "-7d", "now"]))
    if draw(st.booleans()):
        options["until"] = draw(st.sampled_from(["2150-01-01", "+1y"]))
    try:
        return make(**options)
    except SpecError as error:  # e.g. from after until: a 400 naming one of them is fine too
        assert error.param in ("from", "until", "start", "step", "times"), error
        return make(type="line", data=[1, 2], times=[0, 60])


@settings(max_examples=150, deadline=None)
@given(time_specs())
def test_time_specs_round_trip(spec):
    assert parse(to_query(spec)) == spec


def test_regular_times_travel_as_start_and_step():
    spec = make(type="line", data=list(range(1000)), times=[DAY + 60 * i for i in range(1000)])
    assert (spec.times, spec.step) == ((), (1, "m"))
    assert spec.instants == tuple(DAY + 60 * i for i in range(1000))
    assert "start=2026-03-03T00:00:00Z&step=1m" in to_query(spec)
    daily = make(type="bar", data=[1, 2, 3, 4], times=[date(2026, 3, d) for d in (28, 29, 30, 31)], tz="Europe/Berlin")
    assert daily.step == (1, "d")  # local midnights, across the change to summer time (a 23-hour day)
    assert daily.instants[2] - daily.instants[1] == 23 * 3600


def test_three_series_of_a_thousand_minutes_fit_in_4000_bytes():
    rng = random.Random(7)
    series = []
    for _ in range(3):
        value, values = 20.0, []
        for _ in range(1000):
            value = round(value + rng.choice((-0.3, -0.1, 0, 0.1, 0.2)), 1)
            values.append(value)
        series.append(values)
    regular = make(type="line", data=series, start="2026-03-03T00:00", step="1m", title="Sensors")
    assert len(to_query(regular)) < 4000
    jittered = make(type="line", data=series, times=[DAY + 60 * i + rng.choice((0, 1, 2)) for i in range(1000)])
    query = to_query(jittered)
    assert "times=~" in query and len(query) < 4000  # delta-encoded when not regular
    assert parse(query) == jittered


def test_python_values_for_times():
    spec = chart(type="line", data=[1, 2, 3, 4],
                 times=[datetime(2026, 3, 3, 12), date(2026, 3, 4), datetime(2026, 3, 5, tzinfo=timezone.utc),
                        1772800000], tz="Europe/Berlin", from_=datetime(2026, 3, 3), until="2026-03-07")
    assert spec.times == (datetime(2026, 3, 3, 11, tzinfo=timezone.utc).timestamp(),  # naive: read in Berlin
                          datetime(2026, 3, 3, 23, tzinfo=timezone.utc).timestamp(),
                          datetime(2026, 3, 5, tzinfo=timezone.utc).timestamp(), 1772800000.0)
    assert spec.from_ == datetime(2026, 3, 2, 23, tzinfo=timezone.utc).timestamp()
    assert parse(to_query(spec)) == spec
    with pytest.raises(SpecError, match="^times: .*milliseconds"):
        chart(type="line", data=[1], times=[1772800000000])


def test_relative_bounds_are_resolved_against_the_clock(monkeypatch):
    import time

    monkeypatch.setattr(time, "time", lambda: DAY + 0.75)
    spec = parse("type=line&data=1,2,3&start=2026-03-01&step=1d&from=-36h&until=now")
    assert (spec.from_, spec.until) == (DAY - 36 * 3600, DAY)  # to the second
    assert "from=2026-03-01T12:00:00Z&until=2026-03-03T00:00:00Z" in to_query(spec)


# --- bad input: 400s naming the parameter ---------------------------------------------------------

@pytest.mark.parametrize("query, message", [
    ("data=1,2&times=2026-03-01,nope", "times: must be an ISO 8601"),
    ("data=1,2&times=1772346600000,1772346660000", "times: '1772346600000' looks like milliseconds"),
    ("data=1,2,3&times=2026-03-01,2026-03-02", "times: 2 timestamps, but series 1 has 3 values"),
    ("data=1,2&times=2026-03-01,2026-03-02&tz=Mars/Base", "tz: unknown time zone 'Mars/Base'"),
    ("data=1,2&times=2026-03-01,2026-03-02&from=2026-03-05&until=2026-03-04", "from: must be before until"),
    ("data=1,2&times=1850-03-01,2026-03-02", "times: years from 1900 to 2200"),
    ("data=1,2&start=2026-03-01&step=5", "step: must be a count from 1"),
    ("data=1,2&start=2026-03-01", "step: required with start"),
    ("data=1,2&step=1d", "start: required with step"),
    ("data=1,2&times=1,2&start=2026-03-01&step=1d", "start: give times or start+step, not both"),
    ("data=1,2&tz=Europe/Berlin", "tz: only used with a time axis"),
    ("data=1,2&from=-1d", "from: only used with a time axis"),
    ("data=1,2&times=2026-03-01,2026-03-02&from=-1", "from: must be now, a time relative to now"),
    ("type=pie&data=1,2&times=2026-03-01,2026-03-02", "times: does not apply to type=pie; it applies to line, area, bar"),
    ("type=hbar&data=1,2&times=2026-03-01,2026-03-02", "times: does not apply to type=hbar"),
    ("data=1,2&times=2026-03-01,2026-03-02&labels=a|b", "labels: not used with a time axis"),
    ("data=1,2&times=2026-03-01,,", "times: has an empty timestamp"),
    ("data=1,2&times=2026-03-01,2026-03-02&gaps=-1", "gaps: "),
    ("data=1,2&start=2200-06-01&step=1y", "step: the last point"),
])
def test_bad_time_input_is_a_400_naming_the_parameter(graph, query, message):
    response = graph.get("/?" + query, status=400)
    assert response.text.startswith(message), response.text
    image = graph.get("/?" + query, headers={"Accept": "image/*"}, status=400)  # an <img> gets the same, drawn
    assert image.headers["X-Dyngraph-Error"].startswith(message[:20])


def test_a_time_chart_through_the_app(graph):
    response = graph.get("/?type=line&data=3,5,4&start=2026-03-03T06:00&step=1h&format=png&width=300&height=150")
    assert decode(response.body).size == (300, 150)
    data = graph.get("/?type=line&data=3,5,4&start=2026-03-03T06:00&step=1h&format=json").json
    assert [len(s["points"]) for s in data["series"]] == [3]


# --- drawing rules -------------------------------------------------------------------------------

def test_unsorted_times_are_drawn_sorted_with_their_values():
    given = make(type="line", data=[[1, 3, 2]], times=[DAY, DAY + 7200, DAY + 3600])
    ordered = make(type="line", data=[[1, 2, 3]], times=[DAY, DAY + 3600, DAY + 7200])
    assert render(given).tobytes() == render(ordered).tobytes()
    points = layout(given)["series"][0]["points"]  # reported in the order given
    assert points[1][0] > points[2][0] and points[1][1] < points[2][1]


@pytest.mark.parametrize("kind", [dict(type="line"), dict(type="area"), dict(type="scatter", lines=True),
                                  dict(type="sparkline", width=300, height=60)])
def test_a_long_step_breaks_the_line_unless_gaps_is_0(kind):
    times = [DAY + 60 * i for i in range(10)] + [DAY + 60 * 9 + 3600 + 60 * i for i in range(10)]
    grid = {} if kind["type"] == "sparkline" else {"grid": False}  # (a sparkline has no grid to turn off)
    base = dict(data=[[5] * 10 + [6] * 10], times=times, format="png", **grid, **kind)
    for gaps, inked in ((3, False), (0, True)):
        spec = make(**base, gaps=gaps)
        points = layout(spec)["series"][0]["points"]
        x, y = (points[9][0] + points[10][0]) / 2, (points[9][1] + points[10][1]) / 2  # between the two runs
        image = render(spec).convert("RGB")
        pixels = [image.getpixel((round(x), round(y) + dy)) for dy in (-1, 0, 1)]
        line = any(max(abs(a - b) for a, b in zip(p, (0, 0x72, 0xb2))) < 90 for p in pixels)
        assert line == inked, (gaps, pixels)


def test_the_window_shows_only_from_until():
    spec = make(type="line", data=[[1, 100, 2, 3]], times=[DAY, DAY + 3600, DAY + 7200, DAY + 10800],
                from_=DAY + 5400, until=DAY + 10800)
    data = layout(spec)
    assert data["series"][0]["points"][:2] == [None, None]  # outside the window
    assert max(float(t["text"]) for t in data["texts"] if t["role"] == "ytick") < 10  # the range is the window's
    x2, x3 = data["series"][0]["points"][2][0], data["series"][0]["points"][3][0]
    plot = data["plot"]
    assert x3 == pytest.approx(plot["right"], abs=0.01)
    assert (x3 - x2) == pytest.approx((plot["right"] - plot["left"]) * 3600 / 5400, abs=0.02)


def test_bars_are_one_bucket_wide_and_centred_on_their_time():
    spec = make(type="bar", data=[[3, 5, 4]], start="2026-03-01", step="1d", format="png", grid=False)
    data = layout(spec)
    image = render(spec).convert("RGB")
    plot = data["plot"]
    per_day = (plot["right"] - plot["left"]) / 3  # three buckets of a day each
    for i, (x, y) in enumerate(data["series"][0]["points"]):
        assert x == pytest.approx(plot["left"] + per_day * (i + 0.5), abs=0.5)
        row = [image.getpixel((px, round(y) + 3)) for px in range(round(plot["left"]), round(plot["right"]))]
        blue = [px for px, c in zip(range(round(plot["left"]), round(plot["right"])), row) if c == (0, 0x72, 0xb2)]
        inside = [px for px in blue if abs(px - x) < per_day / 2]
        assert len(inside) == pytest.approx(per_day * 0.62, abs=2)  # the bar's share of its bucket


def test_dense_series_are_reduced_per_column_and_look_the_same():
    rng = random.Random(3)
    values, v = [], 0.0
    for _ in range(20000):
        v += rng.uniform(-1, 1)
        values.append(round(v, 2))
    spec = make(type="line", data=[values], start="2026-03-03", step="5s", width=400, height=200, grid=False)
    canvas = _drawn(spec, "")
    reduced = canvas.finish().convert("RGB")
    original = timeline.m4_indices
    try:
        timeline.m4_indices = lambda xs, ys, resolution=1: list(range(len(xs)))  # every point drawn
        full = _drawn(spec, "").finish().convert("RGB")
    finally:
        timeline.m4_indices = original
    difference = ImageChops.difference(reduced, full).convert("L")
    histogram = difference.histogram()
    changed = sum(histogram[24:])
    assert changed <= 400 * 200 * 0.002, changed  # at most 0.2% of the pixels differ visibly
    points = [(i / 3, (math.sin(i) + 1) * 50) for i in range(3000)]
    kept = timeline.m4(points, 1)
    assert len(kept) <= 4 * 1000 + 4 and kept[0] == points[0] and kept[-1] == points[-1]
    for column in range(1000):
        group = [p for p in points if math.floor(p[0]) == column]
        mine = [p for p in kept if math.floor(p[0]) == column]
        assert min(p[1] for p in mine) == min(p[1] for p in group)
        assert max(p[1] for p in mine) == max(p[1] for p in group)


@pytest.mark.parametrize("kind", ["line", "area", "bar", "scatter", "sparkline"])
def test_every_time_type_draws_its_points_at_their_times(kind):
    spec = make(type=kind, data=[[3, 5, 4, 6], [1, 2, None, 3]], start="2026-03-03T06:00", step="1h",
                legend=["a", "b"] if kind != "sparkline" else [])
    data = layout(spec)
    xs = [p[0] for p in data["series"][0]["points"]]
    steps = [b - a for a, b in zip(xs, xs[1:])]
    assert max(steps) - min(steps) < 0.05 and min(steps) > 0  # an hour apart, evenly
    assert data["series"][1]["points"][2] is None
    if kind != "sparkline":
        assert [t["text"] for t in data["texts"] if t["role"] == "xtick"]
    scaled = layout(replace(spec, scale=2))
    assert scaled["series"][0]["points"][1] == [pytest.approx(c * 2, abs=0.02) for c in data["series"][0]["points"][1]]


def test_one_point_has_a_time_axis_too():
    data = layout(make(type="line", data=[[5]], times=[DAY]))
    assert [t["text"] for t in data["texts"] if t["role"] == "xtick"]


def test_a_window_relative_to_now_is_cached_briefly(graph):
    relative = graph.get("/?type=line&data=1,2&start=2026-03-01&step=1d&from=-100y&format=json")
    absolute = graph.get("/?type=line&data=1,2&start=2026-03-01&step=1d&from=2026-02-01&format=json")
    assert relative.headers["Cache-Control"] == "public, max-age=60"
    assert absolute.headers["Cache-Control"] == "public, max-age=86400"


def test_the_page_builder_takes_times(page, graph):
    import re
    from html import unescape

    html = page.get("/?type=bar&data=3, 5, 4&times=2026-03-01, 2026-03-02, 2026-03-03&tz=Europe/Berlin").text
    src = unescape(re.search(r'<figure id="built">.*?<img src="get_graph\.py\?([^"]+)"', html, re.S).group(1))
    assert "start=2026-02-28T23:00:00Z&step=1d" in src and "tz=Europe%2FBerlin" in src
    data = graph.get("/?" + src.replace("format=jpeg", "") + "&format=json").json
    assert [t["text"] for t in data["texts"] if t["role"] == "xtick"] == ["Mar", "2", "3"]


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(["times", "start", "step", "tz", "from", "until", "gaps"]),
       text=st.text(st.characters(codec="utf-8", blacklist_categories=("Cs",)), max_size=40))
def test_any_text_in_a_time_parameter_is_a_spec_or_a_400_naming_a_parameter(name, text):
    base = {"type": "line", "data": "1,2", "times": "2026-03-01,2026-03-02"}
    if name in ("start", "step"):
        base = {"type": "line", "data": "1,2", "start": "2026-03-01", "step": "1d"}
    from dyngraph.spec import parse_params

    try:
        spec = parse_params({**base, name: text})
    except SpecError as error:
        assert error.param in ("times", "start", "step", "tz", "from", "until", "gaps", "data"), error
    else:
        assert parse(to_query(spec)) == spec
        layout(spec)


@pytest.mark.parametrize("kind", ["line", "area"])
def test_smooth_curves_a_time_series_through_its_points(kind):
    base = dict(type=kind, data=[[1, 5, 2, 6, 3]], times=[DAY, DAY + 3600, DAY + 3 * 3600, DAY + 4 * 3600,
                                                           DAY + 8 * 3600], grid=False)
    straight, curved = make(**base), make(**base, smooth=0.4)
    assert layout(straight)["series"] == layout(curved)["series"]  # the same points ...
    difference = ImageChops.difference(render(straight).convert("RGB"), render(curved).convert("RGB"))
    assert difference.getbbox() is not None  # ... joined by a curve
    image = render(curved).convert("RGB")
    for x, y in layout(curved)["series"][0]["points"][1:-1]:  # which passes through every point
        near = [image.getpixel((round(x) + dx, round(y) + dy)) for dx in (-2, -1, 0, 1, 2) for dy in (-2, -1, 0, 1, 2)]
        assert any(max(abs(a - b) for a, b in zip(p, (0, 0x72, 0xb2))) < 60 for p in near)


def test_time_bars_report_their_boxes_for_image_maps():
    spec = make(type="bar", data=[[3, 5, 4], [1, 2, 3]], times=[DAY + 86400, DAY, DAY + 2 * 86400], legend=["a", "b"])
    data = layout(spec)
    image = render(spec).convert("RGB")
    for series in data["series"]:
        want = tuple(int(series["colour"][i:i + 2], 16) for i in (0, 2, 4))
        for point, (left, top, right, bottom) in zip(series["points"], series["boxes"]):
            assert left < point[0] < right and abs(point[1] - top) < 1.5  # the top's middle, given order kept
            assert image.getpixel((round((left + right) / 2), round((top + bottom) / 2))) == want
    first, second = data["series"][0]["boxes"][:2]
    assert first[0] > second[0]  # the first value given is the second day's bar
