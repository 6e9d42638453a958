"""Reading time values from URL text: zones, instants, window bounds and steps. Stdlib only.

Instants are Unix seconds (floats). The same rules on Python 3.10 to 3.13:
ISO 8601 is read by our own pattern, not ``datetime.fromisoformat``, whose
accepted forms grew in 3.11. Naive local times are read in the chart's zone
with PEP 495's ``fold=0`` (a repeated hour reads as its first pass, a skipped
one with the offset before the change); ``os.environ['TZ']`` is never touched.

Units: ``s``, ``m`` (minutes) and ``h`` are exact durations; ``d``, ``w``,
``mo`` and ``y`` are calendar steps in the zone (a day is midnight to
midnight, 23 or 25 hours on DST change days; a month keeps the day of the
month, the last day when the month is shorter).
"""

import re
from datetime import date, datetime, timedelta, timezone

from .errors import SpecError, shown

MIN_YEAR, MAX_YEAR = 1900, 2200
MIN_INSTANT = datetime(MIN_YEAR, 1, 1, tzinfo=timezone.utc).timestamp() - 14 * 3600  # any zone's 1900-01-01
MAX_INSTANT = datetime(MAX_YEAR + 1, 1, 1, tzinfo=timezone.utc).timestamp() + 14 * 3600
UNITS = ("s", "m", "h", "d", "w", "mo", "y")
SECONDS = {"s": 1, "m": 60, "h": 3600}  # exact units; the others are calendar steps
MAX_COUNT = 100_000  # a step or offset of more units than this is surely a typo
ISO_FORMS = "an ISO 8601 date or date-time (2026-03-01, 2026-03-01T06:30, 2026-03-01T06:30:00Z, …+01:00) or Unix seconds"

UTC = timezone.utc  # the default zone: needs no tz database on the host
_ISO = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)"
    r"(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?"
    r"(Z|z|[+-]\d\d(?::?\d\d)?)?)?\Z", re.ASCII)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?\Z", re.ASCII)
_STEP = re.compile(r"(\d{1,6})(s|m|h|d|w|mo|y)\Z", re.ASCII)
_OFFSET = re.compile(r"([+-])(\d{1,6})(s|m|h|d|w|mo|y)\Z", re.ASCII)


def zone(name, param="tz"):
    """An IANA zone name (``Europe/Berlin``, ``UTC``) -> ZoneInfo (``UTC`` works without a tz database)."""
    from zoneinfo import ZoneInfo

    if name == "UTC":
        return UTC
    if not name or len(name) > 64 or not re.fullmatch(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*", name, re.ASCII):
        raise SpecError(param, f"must be an IANA time zone name like UTC or Europe/Berlin, got {shown(name)}")
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, LookupError):  # ZoneInfoNotFoundError is a KeyError
        raise SpecError(param, f"unknown time zone {shown(name)}; use an IANA name like UTC or Europe/Berlin") from None


def instant(text, param, tz):
    """An ISO 8601 date or date-time, or Unix seconds -> Unix seconds; naive times are read in ``tz``."""
    if _NUMBER.match(text):
        return _unix(text, param)
    match = _ISO.match(text)
    if not match:
        raise SpecError(param, f"must be {ISO_FORMS}, got {shown(text)}")
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    # A local year must lie in the range; with an offset, the instant (any zone's 1900 to 2200) must.
    if offset is None or not MIN_YEAR - 1 <= int(year) <= MAX_YEAR + 1:
        _year(int(year), param, text)
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        raise SpecError(param, f"no such date or time: {shown(text)}") from None
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    if offset is None:
        return moment.replace(tzinfo=tz).timestamp() + micro / 1e6
    return _checked(moment.replace(tzinfo=_fixed(offset, param, text)).timestamp() + micro / 1e6, param, text)


def bound(text, param, now, tz):
    """A window end: an instant, ``now``, or now plus or minus a count of units (``-24h``, ``-7d``, ``-1mo``)."""
    if text == "now":
        return float(now)
    match = _OFFSET.match(text)
    if match:
        sign, count, unit = match.groups()
        try:
            moved = shift(now, int(count) * (1 if sign == "+" else -1), unit, tz)
        except (ValueError, OverflowError):
            moved = MAX_INSTANT if sign == "+" else MIN_INSTANT - 1
        return _checked(moved, param, text)
    if text.startswith(("+", "-")):  # a signed number is a relative time missing its unit, not 1969
        raise SpecError(param, f"must be now, a time relative to now like -24h, -7d, -30m, -1mo or -1y "
                               f"(units {', '.join(UNITS)}), or {ISO_FORMS}; got {shown(text)}")
    return instant(text, param, tz)


def step(text, param):
    """``30s``, ``5m``, ``1h``, ``1d``, ``1w``, ``1mo``, ``1y`` -> (count, unit)."""
    match = _STEP.match(text)
    if not match or not 0 < int(match.group(1)) <= MAX_COUNT:
        raise SpecError(param, f"must be a count from 1 to {MAX_COUNT} and a unit ({', '.join(UNITS)}), "
                               f"e.g. 30s, 5m, 1h, 1d, 1w, 1mo, 1y; got {shown(text)}")
    return int(match.group(1)), match.group(2)


def shift(t, count, unit, tz):
    """Unix seconds ``t`` moved by ``count`` units: exact for s/m/h, calendar steps in ``tz`` for d/w/mo/y.

    Raises ValueError or OverflowError when the result leaves the calendar (year 1 to 9999).
    """
    if unit in SECONDS:
        return t + count * SECONDS[unit]
    local = datetime.fromtimestamp(t, tz)
    if unit in ("d", "w"):
        day = local.date() + timedelta(days=count * (7 if unit == "w" else 1))
    else:
        year, month = divmod(local.year * 12 + local.month - 1 + count * (12 if unit == "y" else 1), 12)
        day = date(year, month + 1, min(local.day, _month_days(year, month + 1)))
    wall = datetime.combine(day, local.time())
    return wall.replace(tzinfo=tz).timestamp()


def series(start, count_unit, n, tz):
    """The ``n`` instants ``start``, ``start`` + 1 step, … (each from ``start``, so months never drift)."""
    count, unit = count_unit
    if unit in SECONDS:
        return [start + i * count * SECONDS[unit] for i in range(n)]
    return [shift(start, i * count, unit, tz) for i in range(n)]


def check_range(t, param, text):
    """``t`` (Unix seconds) if it lies within the years MIN_YEAR..MAX_YEAR, else a SpecError."""
    return _checked(t, param, text)


def _checked(t, param, text):
    if not MIN_INSTANT <= t < MAX_INSTANT:
        raise SpecError(param, f"years from {MIN_YEAR} to {MAX_YEAR} are accepted, got {shown(text)}")
    return t


def _year(year, param, text):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise SpecError(param, f"years from {MIN_YEAR} to {MAX_YEAR} are accepted, got {shown(text)}")


def _unix(text, param):
    digits = len(text.lstrip("-").split(".")[0])
    if digits >= 13:
        raise SpecError(param, f"{shown(text)} looks like milliseconds since 1970; give Unix seconds "
                               f"(divide by 1000) or {ISO_FORMS.split(' or ')[0]}")
    if digits == 4 and MIN_YEAR <= int(text.split(".")[0]) <= MAX_YEAR and "." not in text:
        raise SpecError(param, f"{shown(text)} reads as Unix seconds (1970-01-01 plus a few minutes); "
                               f"write a year as a date, e.g. {text}-01-01")
    return _checked(float(text), param, text)


def _fixed(offset, param, text):
    """``Z``, ``+01:00``, ``-0530``, ``+02`` -> a fixed-offset tzinfo."""
    if offset in ("Z", "z"):
        return timezone.utc
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise SpecError(param, f"no such UTC offset in {shown(text)}")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _month_days(year, month):
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day
