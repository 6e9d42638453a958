"""Time values from URL text: ISO 8601 and Unix seconds, zones, relative bounds, steps."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyngraph.errors import SpecError
from dyngraph.timeparse import UTC, bound, instant, series, shift, step, zone

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc).timestamp()


@pytest.mark.parametrize("text, expected", [
    ("2026-03-01", utc(2026, 3, 1)),
    ("2026-03-01T06:30", utc(2026, 3, 1, 6, 30)),
    ("2026-03-01 06:30:15", utc(2026, 3, 1, 6, 30, 15)),
    ("2026-03-01T06:30:00Z", utc(2026, 3, 1, 6, 30)),
    ("2026-03-01T06:30:00.250Z", utc(2026, 3, 1, 6, 30) + 0.25),
    ("2026-03-01T06:30+01:00", utc(2026, 3, 1, 5, 30)),
    ("2026-03-01T06:30-0530", utc(2026, 3, 1, 12, 0)),
    ("1772346600", 1772346600.0),
    ("1772346600.5", 1772346600.5),
    ("-86400", -86400.0),
])
def test_instants_in_utc(text, expected):
    assert instant(text, "times", UTC) == expected


def test_naive_times_are_read_in_the_zone_and_explicit_offsets_win():
    assert instant("2026-07-01T12:00", "times", BERLIN) == utc(2026, 7, 1, 10)  # CEST, +2
    assert instant("2026-01-01T12:00", "times", BERLIN) == utc(2026, 1, 1, 11)  # CET, +1
    assert instant("2026-07-01T12:00Z", "times", BERLIN) == utc(2026, 7, 1, 12)
    assert instant("2026-07-01", "times", NEW_YORK) == utc(2026, 7, 1, 4)


def test_a_repeated_local_hour_reads_as_its_first_pass():
    # 2026-10-25 in Berlin: 03:00 CEST goes back to 02:00 CET, so 02:30 happens twice.
    assert instant("2026-10-25T02:30", "times", BERLIN) == utc(2026, 10, 25, 0, 30)


@pytest.mark.parametrize("text, message", [
    ("1772346600000", "times: '1772346600000' looks like milliseconds"),
    ("2026-02-30", "times: no such date"),
    ("2026-13-01", "times: no such date"),
    ("2026-03-01T25:00", "times: no such date"),
    ("1899-12-31", "times: years from 1900 to 2200"),
    ("2201-01-01", "times: years from 1900 to 2200"),
    ("99999999999", "times: years from 1900 to 2200"),
    ("2026", "times: '2026' reads as Unix seconds"),
    ("March 1", "times: must be an ISO 8601 date"),
    ("2026-3-1", "times: must be an ISO 8601 date"),
    ("", "times: must be an ISO 8601 date"),
    ("2026-03-01T06:30+25:00", "times: no such UTC offset"),
])
def test_bad_instants_name_the_parameter(text, message):
    with pytest.raises(SpecError) as caught:
        instant(text, "times", UTC)
    assert str(caught.value).startswith(message)


def test_zones():
    assert zone("Europe/Berlin") == BERLIN
    assert zone("UTC").utcoffset(None) == timedelta(0)
    for bad in ("Mars/Olympus", "../../etc/passwd", "", "Europe//Berlin", "x" * 100):
        with pytest.raises(SpecError) as caught:
            zone(bad)
        assert str(caught.value).startswith("tz: ")


NOW = utc(2026, 3, 31, 12)


@pytest.mark.parametrize("text, expected", [
    ("now", NOW),
    ("-24h", NOW - 86400),
    ("-30m", NOW - 1800),
    ("-90s", NOW - 90),
    ("+1h", NOW + 3600),
    ("-7d", utc(2026, 3, 24, 12)),
    ("-1w", utc(2026, 3, 24, 12)),
    ("-1mo", utc(2026, 2, 28, 12)),  # March 31 less a month: the last day of February
    ("-1y", utc(2025, 3, 31, 12)),
    ("2026-01-01", utc(2026, 1, 1)),
])
def test_bounds_relative_to_now(text, expected):
    assert bound(text, "from", NOW, UTC) == expected


def test_calendar_days_keep_the_wall_clock_across_dst():
    now = instant("2026-03-30T12:00", "until", BERLIN)  # the day after the change to summer time
    assert bound("-1d", "from", now, BERLIN) == instant("2026-03-29T12:00", "from", BERLIN)
    assert now - bound("-2d", "from", now, BERLIN) == 47 * 3600  # one of the two days had 23 hours
    assert now - bound("-48h", "from", now, BERLIN) == 48 * 3600


@pytest.mark.parametrize("text", ["-", "-1", "-1q", "yesterday", "-1000000d", "+99999y", "--1h"])
def test_bad_bounds(text):
    with pytest.raises(SpecError) as caught:
        bound(text, "from", NOW, UTC)
    assert str(caught.value).startswith("from: ")


@pytest.mark.parametrize("text, expected", [
    ("30s", (30, "s")), ("5m", (5, "m")), ("1h", (1, "h")), ("1d", (1, "d")), ("1w", (1, "w")),
    ("1mo", (1, "mo")), ("3mo", (3, "mo")), ("1y", (1, "y")),
])
def test_steps(text, expected):
    assert step(text, "step") == expected


@pytest.mark.parametrize("text", ["0h", "1", "h", "1.5h", "1min", "-1h", "1H", "1000001s"])
def test_bad_steps(text):
    with pytest.raises(SpecError) as caught:
        step(text, "step")
    assert str(caught.value).startswith("step: ")


def test_monthly_series_never_drift_and_days_follow_the_calendar():
    start = instant("2024-01-31", "start", UTC)
    months = [datetime.fromtimestamp(t, UTC).date().isoformat() for t in series(start, (1, "mo"), 4, UTC)]
    assert months == ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"]
    days = series(instant("2026-03-28", "start", BERLIN), (1, "d"), 3, BERLIN)
    assert [datetime.fromtimestamp(t, BERLIN).hour for t in days] == [0, 0, 0]
    assert days[2] - days[1] == 23 * 3600


@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 30)))
def test_iso_text_reads_back_as_the_same_instant(moment):
    aware = moment.replace(tzinfo=timezone.utc, microsecond=0)
    assert instant(aware.isoformat(), "times", BERLIN) == aware.timestamp()
    assert instant(aware.strftime("%Y-%m-%dT%H:%M:%SZ"), "times", BERLIN) == aware.timestamp()


@given(st.text(max_size=30))
def test_any_text_is_an_instant_or_a_spec_error(text):
    try:
        value = instant(text, "times", BERLIN)
    except SpecError as error:
        assert str(error).startswith("times: ")
    else:
        assert isinstance(value, float)


def test_shift_by_hours_is_exact():
    assert shift(NOW, -3, "h", BERLIN) == NOW - 3 * 3600
