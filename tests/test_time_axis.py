"""The time axis through format=json: every tick label read back against where it is drawn.

``check_ticks`` is the oracle: it turns each x tick's drawn position back into
an instant (from the plot box and the window) and checks that the local clock
in the chart's zone reads what the label says there, within the width of a
pixel and a half. It knows nothing of how ticks are chosen.
"""

import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dyngraph.render import layout
from dyngraph.spec import parse
from dyngraph.timescale import LADDER

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
UTC = timezone.utc


def iso(t):
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def at(text, tz=UTC):
    """An ISO text (naive: in ``tz``) -> Unix seconds, by the standard library."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (moment if moment.tzinfo else moment.replace(tzinfo=tz)).timestamp()


def chart(lo, hi, *, tz="UTC", width=480, height=240, kind="line", extra=""):
    query = f"type={kind}&times={iso(lo)},{iso(hi)}&data=1,2&width={width}&height={height}&tz={tz}{extra}"
    return layout(parse(query.replace("&tz=UTC", "")))


def xticks(data):
    return [t for t in data["texts"] if t["role"] == "xtick"]


def candidates(text, near, tz):
    """The instants near ``near`` at which a tick would carry the label ``text`` in ``tz``."""
    zone_name = None
    parts = text.split(" ")
    if parts[-1].isalpha() and parts[-1] not in MONTHS:  # a zone abbreviation after a DST change
        zone_name, parts = parts[-1], parts[:-1]
    local = datetime.fromtimestamp(near, tz)
    days = [local.date() + timedelta(days=d) for d in (-1, 0, 1)]
    clock = None
    if re.fullmatch(r"\d\d:\d\d(:\d\d)?", parts[-1]):
        clock = time(*map(int, parts.pop().split(":")))
    if not parts:
        wanted = [datetime.combine(d, clock) for d in days]
    elif len(parts) == 2 and parts[0] in MONTHS and parts[1].isdigit() and len(parts[1]) <= 2:  # Mar 3
        wanted = [datetime(y, MONTHS.index(parts[0]) + 1, int(parts[1])) for y in (local.year - 1, local.year,
                                                                                    local.year + 1)]
    elif len(parts) == 2 and parts[0] in MONTHS:  # Dec 2025
        wanted = [datetime(int(parts[1]), MONTHS.index(parts[0]) + 1, 1)]
    elif len(parts) == 3:  # Jan 5 2026
        wanted = [datetime(int(parts[2]), MONTHS.index(parts[0]) + 1, int(parts[1]))]
    elif parts[0] in MONTHS:  # Apr: the 1st
        wanted = [datetime(y, MONTHS.index(parts[0]) + 1, 1) for y in (local.year - 1, local.year, local.year + 1)]
    elif len(parts[0]) == 4:  # 2026: January 1st
        wanted = [datetime(int(parts[0]), 1, 1)]
    else:  # 5: the 5th of this, the last or the next month
        wanted = []
        for shift in (-1, 0, 1):
            month = local.year * 12 + local.month - 1 + shift
            try:
                wanted.append(datetime(month // 12, month % 12 + 1, int(parts[0])))
            except ValueError:
                pass
    if clock is not None and parts:
        wanted = [datetime.combine(w.date(), clock) for w in wanted]
    out = []
    for naive in wanted:
        for fold in (0, 1):
            moment = naive.replace(tzinfo=tz, fold=fold)
            t = moment.timestamp()
            if datetime.fromtimestamp(t, tz).replace(tzinfo=None) != naive:
                # no such local time (the clock jumped over it: Asia/Kolkata's +5:21:10 -> +5:30 at the
                # start of 1906): the day or year still begins where the clock passes it, if it does here
                before = datetime.fromtimestamp(t - 1, tz).replace(tzinfo=None)
                if not before < naive < datetime.fromtimestamp(t, tz).replace(tzinfo=None):
                    continue
            if zone_name is None or datetime.fromtimestamp(t, tz).tzname() == zone_name:
                out.append(t)
    return out


def check_ticks(data, lo, hi, tz=UTC):
    """Every x tick label is what the local clock reads where it is drawn (unless pushed in at an edge)."""
    plot = data["plot"]
    per_px = (hi - lo) / (plot["right"] - plot["left"])
    seen = []
    for tick in xticks(data):
        left, top, right, bottom = tick["box"]
        assert 0 <= left and right <= data["width"], tick
        centre = (left + right) / 2
        t = lo + (centre - plot["left"]) * per_px
        found = [c for c in candidates(tick["text"], t, tz) if abs(c - t) <= 2 * per_px + 1]
        if not found:  # pushed inside the image at an edge: then its instant lies beyond the box's centre
            edge = left <= 1 or right >= data["width"] - 3 or tick is xticks(data)[0]
            assert edge, (tick, iso(t))
            found = [c for c in candidates(tick["text"], t, tz) if lo - 1 <= c <= hi + 1]
            assert found, (tick, iso(t))
        seen.append(min(found, key=lambda c: abs(c - t)))
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    return seen


def overlapping(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_no_overlap(data):
    texts = data["texts"]
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert not overlapping(a["box"], b["box"]), (a, b)


# One range per ladder step at 480 px, with the labels it must read (checked by eye, positions by check_ticks).
LADDER_CASES = [
    ((1, "s"), "2026-03-03T06:00:00Z", "2026-03-03T06:00:02Z", ["Mar 3 06:00:00", "06:00:01", "06:00:02"]),
    ((5, "s"), "2026-03-03T06:00:00Z", "2026-03-03T06:00:10Z", ["Mar 3 06:00:00", "06:00:05", "06:00:10"]),
    ((15, "s"), "2026-03-03T06:00:00Z", "2026-03-03T06:01:00Z",
     ["Mar 3 06:00:00", "06:00:15", "06:00:30", "06:00:45", "06:01:00"]),
    ((30, "s"), "2026-03-03T06:00:00Z", "2026-03-03T06:02:00Z",
     ["Mar 3 06:00:00", "06:00:30", "06:01:00", "06:01:30", "06:02:00"]),
    ((1, "m"), "2026-03-03T06:00:00Z", "2026-03-03T06:05:00Z", ["Mar 3 06:00", "06:01", "06:02", "06:03",
                                                                "06:04", "06:05"]),
    ((5, "m"), "2026-03-03T06:00:00Z", "2026-03-03T06:15:00Z", ["Mar 3 06:00", "06:05", "06:10", "06:15"]),
    ((15, "m"), "2026-03-03T06:00:00Z", "2026-03-03T07:30:00Z",
     ["Mar 3 06:00", "06:15", "06:30", "06:45", "07:00", "07:15", "07:30"]),
    ((30, "m"), "2026-03-03T06:00:00Z", "2026-03-03T10:00:00Z",
     ["Mar 3 06:00", "07:00", "07:30", "08:00", "08:30", "09:00", "09:30", "10:00"]),  # (06:30 gives way)
    ((1, "h"), "2026-03-03T06:00:00Z", "2026-03-03T14:00:00Z",
     ["Mar 3 06:00", "08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00"]),  # (07:00 gives way)
    ((3, "h"), "2026-03-03T06:00:00Z", "2026-03-04T06:00:00Z",
     ["06:00", "09:00", "12:00", "15:00", "18:00", "21:00", "Mar 4", "03:00", "06:00"]),
    ((6, "h"), "2026-03-03T06:00:00Z", "2026-03-05T06:00:00Z",
     ["06:00", "12:00", "18:00", "Mar 4", "06:00", "12:00", "18:00", "Mar 5", "06:00"]),
    ((12, "h"), "2026-03-03T06:00:00Z", "2026-03-07T06:00:00Z",
     ["12:00", "Mar 4", "12:00", "Mar 5", "12:00", "Mar 6", "12:00", "Mar 7"]),
    ((1, "d"), "2026-03-03T06:00:00Z", "2026-03-11T06:00:00Z", ["Mar 4", "5", "6", "7", "8", "9", "10", "11"]),
    ((2, "d"), "2026-03-03T06:00:00Z", "2026-04-02T06:00:00Z",
     ["5", "7", "9", "11", "13", "15", "17", "19", "21", "23", "25", "27", "29", "Apr"]),
    ((1, "w"), "2026-03-03T06:00:00Z", "2026-04-17T06:00:00Z", ["9", "16", "23", "30", "Apr 6", "13"]),
    ((1, "mo"), "2026-03-03T06:00:00Z", "2026-07-01T06:00:00Z", ["Apr 2026", "May", "Jun", "Jul"]),
    ((3, "mo"), "2026-03-03T06:00:00Z", "2028-03-02T06:00:00Z",
     ["Apr", "Jul", "Oct", "2027", "Apr", "Jul", "Oct", "2028"]),
    ((1, "y"), "2026-03-03T06:00:00Z", "2032-03-01T06:00:00Z", ["2027", "2028", "2029", "2030", "2031", "2032"]),
    ((2, "y"), "1950-03-03T00:00:00Z", "1966-02-27T00:00:00Z",
     ["1952", "1954", "1956", "1958", "1960", "1962", "1964", "1966"]),
    ((5, "y"), "1950-03-03T00:00:00Z", "1990-02-21T00:00:00Z",
     ["1955", "1960", "1965", "1970", "1975", "1980", "1985", "1990"]),
    ((10, "y"), "1950-03-03T00:00:00Z", "2050-02-06T00:00:00Z",
     ["1960", "1970", "1980", "1990", "2000", "2010", "2020", "2030", "2050"]),  # (2040 gives way to 2050, kept
    # inside the image at its edge)
]


def test_the_cases_cover_the_whole_ladder():
    assert [case[0] for case in LADDER_CASES] == list(LADDER)


@pytest.mark.parametrize("step, start, end, labels", LADDER_CASES, ids=[f"{c}{u}" for (c, u), *_ in LADDER_CASES])
def test_every_ladder_step(step, start, end, labels):
    lo, hi = at(start), at(end)
    data = chart(lo, hi)
    assert [t["text"] for t in xticks(data)] == labels
    instants = check_ticks(data, lo, hi)
    count, unit = step
    if unit in ("s", "m", "h"):  # on whole multiples of the step, evenly spaced
        seconds = count * {"s": 1, "m": 60, "h": 3600}[unit]
        assert all(t % seconds == 0 for t in instants)
        assert {round(b - a) for a, b in zip(instants, instants[1:])} <= {seconds, 2 * seconds}
    assert_no_overlap(data)


def test_a_year_daily_at_800_reads_month_by_month():
    query = "type=line&width=800&height=300&start=2025-01-01&step=1d&data=" + ",".join(["5"] * 365)
    data = layout(parse(query))
    assert [t["text"] for t in xticks(data)] == ["2025", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                                 "Oct", "Nov", "Dec"]
    check_ticks(data, at("2025-01-01"), at("2025-12-31"))
    assert_no_overlap(data)
    later = layout(parse(query.replace("2025-01-01", "2025-01-15")))
    assert [t["text"] for t in xticks(later)][-2:] == ["Dec", "2026"]  # the year where it changes


def test_a_day_of_five_minute_data_reads_hours_with_the_date_at_midnight():
    data = layout(parse("type=line&start=2026-03-03&step=5m&data=" + ",".join(["1"] * 289)))
    assert [t["text"] for t in xticks(data)] == ["Mar 3", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00",
                                                 "21:00", "Mar 4"]
    check_ticks(data, at("2026-03-03"), at("2026-03-04"))
    assert_no_overlap(data)


@pytest.mark.parametrize("tz, day, marks", [
    ("Europe/Berlin", "2026-03-29", {"03:00 CEST"}),  # 02:00 -> 03:00: no 02:00 that day
    ("Europe/Berlin", "2026-10-25", {"02:00 CET", "02:30 CET"}),  # 03:00 -> 02:00: the second pass marked
    ("America/New_York", "2026-03-08", {"03:00 EDT"}),
    ("America/New_York", "2026-11-01", {"01:00 EST", "01:30 EST"}),
])
def test_dst_change_hours(tz, day, marks):
    zone = ZoneInfo(tz)
    lo = at(day + "T00:00", zone)
    hi = lo + 5 * 3600  # five real hours
    data = chart(lo, hi, tz=tz, width=800)
    texts = [t["text"] for t in xticks(data)]
    instants = check_ticks(data, lo, hi, zone)
    assert {t for t in texts if re.search(r" [A-Z]{3,4}$", t)} == marks
    assert len(set(texts)) == len(texts)  # the repeated hour is not written twice the same way
    spacing = {round(b - a) for a, b in zip(instants, instants[1:])}
    assert spacing == {1800}  # half hours at their real instants, evenly spaced
    assert len(instants) == round((hi - lo) / spacing.pop()) + 1


@pytest.mark.parametrize("tz, day, hours", [
    ("Europe/Berlin", "2026-03-29", 23), ("Europe/Berlin", "2026-10-25", 25),
    ("America/New_York", "2026-03-08", 23), ("America/New_York", "2026-11-01", 25), ("UTC", "2026-03-29", 24),
])
@pytest.mark.parametrize("width", [300, 480, 1000])
def test_dst_days_whole(tz, day, hours, width):
    zone = ZoneInfo(tz)
    lo = at(day + "T00:00", zone)
    hi = at((date.fromisoformat(day) + timedelta(days=1)).isoformat() + "T00:00", zone)
    assert hi - lo == hours * 3600
    data = chart(lo, hi, tz=tz, width=width)
    check_ticks(data, lo, hi, zone)
    assert_no_overlap(data)
    texts = [t["text"] for t in xticks(data)]
    assert texts[0] == f"{MONTHS[int(day[5:7]) - 1]} {int(day[8:])}"


def test_leap_days():
    lo, hi = at("2024-02-26"), at("2024-03-03")
    data = chart(lo, hi)
    assert [t["text"] for t in xticks(data)] == ["26", "27", "28", "29", "Mar", "2", "3"]
    check_ticks(data, lo, hi)
    every_other = chart(at("2024-02-01"), at("2024-03-06"))  # 2-day ticks skip Feb 29, next to Mar 1
    texts = [t["text"] for t in xticks(every_other)]
    assert "29" not in texts and "27" in texts and "Mar" in texts
    check_ticks(every_other, at("2024-02-01"), at("2024-03-06"))


def test_year_ends():
    lo, hi = at("2025-12-30T12:00"), at("2026-01-02T12:00")
    data = chart(lo, hi)
    assert "Jan 1" in [t["text"] for t in xticks(data)]
    check_ticks(data, lo, hi)
    months = chart(at("2025-09-15"), at("2026-04-15"))
    assert [t["text"] for t in xticks(months)] == ["Oct", "Nov", "Dec", "2026", "Feb", "Mar", "Apr"]
    check_ticks(months, at("2025-09-15"), at("2026-04-15"))


ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]


@settings(max_examples=60, deadline=None)
@example(start=-2_020_310_049, span=3596306.0, width=1599, height=80, tz="Asia/Kolkata", kind="line", dressed=False,
         legendpos="right")  # 1906 begins in a gap of Kolkata's clock: its tick is where the clock passes midnight
@given(start=st.integers(at("1901-01-01"), at("2199-01-01")), span=st.floats(2, 120 * 365 * 86400),
       width=st.integers(120, 1600), height=st.integers(80, 500), tz=st.sampled_from(ZONES),
       kind=st.sampled_from(["line", "bar", "scatter", "area"]), dressed=st.booleans(),
       legendpos=st.sampled_from(["auto", "right", "bottom", "top", "left"]))
def test_random_ranges_never_overlap_and_every_label_reads_true(start, span, width, height, tz, kind, dressed,
                                                                legendpos):
    lo, hi = float(start), float(min(start + span, at("2199-12-31")))
    extra = "&min=0&max=2" if kind == "scatter" else ""
    if dressed:  # a title and a legend take their room first
        extra += f"&title=Readings over time&legend=inside&legendpos={legendpos}"
    data = chart(lo, hi, tz=tz, width=width, height=height, kind=kind, extra=extra)
    assert_no_overlap(data)
    if kind in ("line", "area"):
        check_ticks(data, lo, hi, ZoneInfo(tz))
    elif kind == "bar":  # two bars, each a bucket wide (the step between them), centred on its time
        check_ticks(data, lo - (hi - lo) / 2, hi + (hi - lo) / 2, ZoneInfo(tz))
