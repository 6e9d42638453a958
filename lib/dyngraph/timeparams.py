"""The time-axis parameters of a spec: ``times``, ``start`` + ``step``, ``tz``, ``from``/``until``, ``gaps``.

Naive timestamps are read in ``tz`` and relative bounds against the clock,
so their readers return a :class:`Later` that :func:`resolve` finishes once
every parameter is read. A spec then holds Unix seconds only: ``times`` as
given (regular ones become ``start`` + ``step``: one short parameter instead
of a long list), ``from``/``until`` as whole seconds. Stdlib only; zoneinfo
is imported only for a zone other than UTC.

Every chart request imports this module (spec.PARAMS names its readers), most
without a time axis: ``dyngraph.timeparse`` (``re`` and ``datetime``, ~5 ms
per CGI process) is therefore imported only inside the functions that read
or check times, never at the top (tests/test_lazy_imports.py); ``math`` too.
"""

from . import compact, values
from .errors import SpecError, shown

TIME_TYPES = ("line", "area", "bar", "scatter", "sparkline")
DEFAULT_GAPS = 3.0
MAX_GAPS = 1000
CALENDAR_STEPS = ((1, "d"), (1, "w"), (1, "mo"), (3, "mo"), (1, "y"))
RELATIVE_MAX_AGE = 60  # seconds a chart whose window is relative to now (from=-24h) may be cached
FIELDS = {"from": "from_"}  # URL name -> ChartSpec field, where the URL's is a Python keyword


class Later:
    """A value that needs the zone (and the clock) of the whole request: ``finish(tz, now) -> value``."""

    def __init__(self, finish):
        self.finish = finish


def read_times(text, limits):
    from . import timeparse

    if compact.is_compact(text):
        (series,) = _one_series(compact.decode(text, limits))
        return tuple(timeparse.check_range(t, "times", values.format_number(t)) for t in series)
    parts = text.split(",")
    if len(parts) > limits.max_points:
        raise SpecError("times", f"at most {limits.max_points} timestamps")
    if "" in parts:
        raise SpecError("times", "has an empty timestamp; every point needs one (a gap is an empty data value)")
    return Later(lambda tz, now: tuple(timeparse.instant(p, "times", tz) for p in parts))


def _one_series(series):
    if len(series) != 1 or None in series[0]:
        raise SpecError("times", "compact form must hold one series without gaps")
    return series


def _unix_text(t):
    """Unix seconds as text the reader takes back: 1900 would read as a year mistaken for seconds."""
    from . import timeparse

    text = values.format_number(t)
    return text + ".0" if len(text) == 4 and text.isdigit() and timeparse.MIN_YEAR <= int(text) <= timeparse.MAX_YEAR \
        else text


def write_times(times):
    plain = ",".join(map(_unix_text, times))
    if len(plain) <= compact.MIN_PLAIN_LENGTH:
        return plain
    packed = compact.encode([times])
    return packed if packed is not None and len(packed) < len(plain) else plain


def read_start(text, limits):
    from . import timeparse

    return Later(lambda tz, now: timeparse.instant(text, "start", tz))


def write_instant(t):
    """Whole seconds as ISO 8601 in UTC (readable URLs); anything finer as exact Unix seconds."""
    import math

    if t == math.floor(t):
        from datetime import datetime, timezone

        return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return values.format_number(t)


def read_step(text, limits):
    from . import timeparse

    return timeparse.step(text, "step")


def write_step(step):
    return f"{step[0]}{step[1]}"


def read_tz(text, limits):
    from . import timeparse

    timeparse.zone(text, "tz")
    return text


def read_bound(name):
    def read(text, limits):
        import math

        from . import timeparse

        return Later(lambda tz, now: float(math.floor(timeparse.bound(text, name, _now(now), tz))))

    return read


def relative_window(pairs):
    """True when ``from`` or ``until`` is relative to now (``now``, ``-24h``, ``+1h``) in (name, text) pairs."""
    return any(name in ("from", "until") and (text == "now" or text[:1] in ("+", "-")) for name, text in pairs)


def read_gaps(text, limits):
    return values.bounded_number(text, "gaps", 0, MAX_GAPS)


def _now(now):
    if now is None:
        import time

        return time.time()
    return now


def resolve(kwargs, now=None):
    """Finish every :class:`Later` in ``kwargs`` (in place) with the request's zone; make regular times start+step."""
    from . import timeparse

    later = {name: value for name, value in kwargs.items() if isinstance(value, Later)}
    tz = timeparse.zone(kwargs.get("tz", "UTC"))
    for name, value in later.items():
        kwargs[name] = value.finish(tz, now)
    times = kwargs.get("times")
    if times and "start" not in kwargs and "step" not in kwargs:
        regular = as_start_step(times, tz)
        if regular is not None:
            del kwargs["times"]
            kwargs["start"], kwargs["step"] = regular
    return kwargs


CALENDAR_SPANS = {(1, "d"): (82800, 90000), (1, "w"): (601200, 608400), (1, "mo"): (2415600, 2682000),
                  (3, "mo"): (7686000, 7952400), (1, "y"): (31532400, 31626000)}  # seconds, DST included


def as_start_step(times, tz):
    """(start, step) when ``times`` are exactly ``timeparse.series(start, step)``; else None."""
    from . import timeparse

    if len(times) < 3:
        return None
    start, delta = times[0], times[1] - times[0]
    if delta <= 0:
        return None
    if delta == int(delta) and all(b - a == delta for a, b in zip(times, times[1:])):
        seconds = int(delta)
        for size, unit in ((86400 * 7, "w"), (86400, "d")):
            if seconds == size and _follows(times, (1, unit), tz):
                return start, (1, unit)
        for size, unit in ((3600, "h"), (60, "m"), (1, "s")):
            if seconds % size == 0 and seconds // size <= timeparse.MAX_COUNT:
                exact = all(start + i * seconds == t for i, t in enumerate(times))  # as series() computes
                return (start, (seconds // size, unit)) if exact else None
        return None
    for candidate in CALENDAR_STEPS:
        low, high = CALENDAR_SPANS[candidate]
        if low <= delta <= high and _follows(times, candidate, tz):
            return start, candidate
    return None


def _follows(times, step, tz):
    """True when every time is ``shift(start, i steps)`` exactly; stops at the first that is not."""
    from . import timeparse

    count, unit = step
    try:
        return all(timeparse.shift(times[0], i * count, unit, tz) == t for i, t in enumerate(times))
    except (ValueError, OverflowError):
        return False


def python_times(value, limits):
    """``times`` from Python: datetimes (naive ones read in ``tz``), dates (midnight in ``tz``), Unix seconds."""
    if isinstance(value, str):
        return read_times(value, limits)
    items = list(value)
    if len(items) > limits.max_points:
        raise SpecError("times", f"at most {limits.max_points} timestamps")
    return Later(lambda tz, now: tuple(python_instant(v, "times", tz) for v in items))


def python_instant(value, param, tz):
    """One Python time value -> Unix seconds."""
    import math
    from datetime import date, datetime

    from . import timeparse

    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=tz)
        return timeparse.check_range(moment.timestamp(), param, value.isoformat())
    if isinstance(value, date):
        return timeparse.instant(value.isoformat(), param, tz)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SpecError(param, f"must be datetimes, dates or Unix seconds, got {shown(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise SpecError(param, f"must be finite, got {shown(value)}")
    if abs(value) >= 1e12:
        raise SpecError(param, f"{shown(value)} looks like milliseconds since 1970; give Unix seconds (divide by 1000)")
    return timeparse.check_range(float(value), param, values.format_number(float(value)))


def python_value(name, value, limits):
    """start/from/until from Python: a datetime, a date or Unix seconds (URL text goes to the URL reader)."""
    import math

    if name == "start":
        return Later(lambda tz, now: python_instant(value, "start", tz))
    return Later(lambda tz, now: float(math.floor(python_instant(value, name, tz))))


def check(spec):
    """Checks across the time parameters and the data."""
    timed = bool(spec.times) or spec.start is not None
    if spec.times and (spec.start is not None or spec.step):
        raise SpecError("start", "give times or start+step, not both")
    if spec.start is not None and not spec.step:
        raise SpecError("step", "required with start, e.g. step=5m")
    if spec.step and spec.start is None:
        raise SpecError("start", "required with step: the time of the first point")
    if not timed:
        for name, value, default in (("tz", spec.tz, "UTC"), ("from", spec.from_, None),
                                     ("until", spec.until, None), ("gaps", spec.gaps, DEFAULT_GAPS)):
            if value != default:
                raise SpecError(name, "only used with a time axis (times, or start and step)")
        return
    if spec.type not in TIME_TYPES:
        raise SpecError("times", f"a time axis works for {', '.join(TIME_TYPES)}; not for type={spec.type}")
    if spec.times:
        for index, series in enumerate(spec.data):
            if len(series) != len(spec.times):
                raise SpecError("times", f"{len(spec.times)} timestamps, but series {index + 1} has "
                                         f"{len(series)} values; give one timestamp per value")
    elif spec.start is not None:
        from . import timeparse

        lengths = {len(series) for series in spec.data}
        if len(lengths) > 1:
            raise SpecError("data", "with start and step, every series needs the same number of values")
        count, unit = spec.step
        try:
            last = timeparse.shift(spec.start, (max(lengths) - 1) * count, unit, zone_of(spec))
        except (ValueError, OverflowError):
            last = timeparse.MAX_INSTANT
        if not timeparse.MIN_INSTANT <= last < timeparse.MAX_INSTANT:
            raise SpecError("step", f"the last point ({max(lengths)} values from start) would lie past "
                                    f"{timeparse.MAX_YEAR}; years from {timeparse.MIN_YEAR} to {timeparse.MAX_YEAR} "
                                    "are accepted")
    if spec.from_ is not None and spec.until is not None and spec.from_ >= spec.until:
        raise SpecError("from", f"must be before until ({write_instant(spec.until)}), got {write_instant(spec.from_)}")


def instants(spec):
    """The time of each point (Unix seconds), from ``times`` or ``start`` + ``step``; () without a time axis."""
    if spec.times:
        return spec.times
    if spec.start is None:
        return ()
    from . import timeparse

    count = max((len(series) for series in spec.data), default=0)
    return tuple(timeparse.series(spec.start, spec.step, count, zone_of(spec)))


def zone_of(spec):
    from . import timeparse

    return timeparse.zone(spec.tz)
