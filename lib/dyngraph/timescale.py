"""Calendar ticks and concise labels for a time axis, beside :class:`scale.Linear`. Stdlib only.

Ticks come from a fixed ladder of calendar steps and sit on real calendar
boundaries in the chart's zone: whole minutes and hours of the local clock,
local midnights, Mondays, month and year starts. The densest step whose
*measured* labels fit with a gap wins.

Labels are two-level: each tick shows the finest unit (``03:00``, ``5``,
``Feb``), and the first tick in a new coarser unit shows that unit instead,
once (``Mar 3`` at midnight, ``Mar`` on the 1st, ``2026`` in January). When no
tick starts a coarser unit, the first tick is written with it (``Mar 3
06:00``, ``Apr 2026``), so the date or year is always there once, where
reading starts.

DST: ticks are real instants, so a 23-hour day has one tick fewer and a
25-hour day one more; the first tick after the UTC offset changes carries the
zone's abbreviation (``03:00 CEST``), as Netflix Atlas marks it, and so does
every tick in the second pass of a repeated hour (``02:00 CET``, ``02:30 CET``).
No label is duplicated and none silently dropped.
"""

from datetime import date, datetime, time, timedelta

from .record import record

LADDER = (
    (1, "s"), (5, "s"), (15, "s"), (30, "s"),
    (1, "m"), (5, "m"), (15, "m"), (30, "m"),
    (1, "h"), (3, "h"), (6, "h"), (12, "h"),
    (1, "d"), (2, "d"), (1, "w"),
    (1, "mo"), (3, "mo"),
    (1, "y"), (2, "y"), (5, "y"), (10, "y"),
)
APPROX_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "mo": 2629746, "y": 31556952}
SUB_DAY = {"s": 1, "m": 60, "h": 3600}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MIN_LABEL_PITCH = 14  # px: no step is even tried whose ticks would come closer than this
MIN_SPAN = 60.0  # seconds: an empty range (one point) is widened to this around its middle


@record
class TimeTicks:
    """The chosen ``step`` ((count, unit)), the tick instants and their labels."""

    step: tuple
    values: tuple
    labels: tuple


def widen(lo, hi):
    """``lo``..``hi``, or MIN_SPAN seconds around it when it is (almost) empty."""
    if hi - lo >= 1e-3:
        return lo, hi
    middle = (lo + hi) / 2
    return middle - MIN_SPAN / 2, middle + MIN_SPAN / 2


def choose(lo, hi, tz, *, left, right, measure, gap, span=None, finest=0.0):
    """The densest ladder step whose labels, measured with ``measure(text) -> px``, fit between ``left``
    and ``right`` (the pixels of ``lo`` and ``hi``) with ``gap`` px between neighbours.

    ``span`` (px, default left..right): where label centres may be pushed so a label stays whole.
    If even the coarsest step does not fit, its labels are thinned out greedily.
    ``finest``: no step shorter than this many seconds (bars: their bucket; no hours under days).
    """
    span = span or (left, right)
    scale = (right - left) / (hi - lo) if hi > lo else 0.0
    x_of = lambda t: left + (t - lo) * scale  # noqa: E731
    width = max(1.0, right - left)
    fallback = None
    for step in LADDER:
        if step[0] * APPROX_SECONDS[step[1]] < finest * 0.9 and step != LADDER[-1]:
            continue
        if (hi - lo) / APPROX_SECONDS[step[1]] / step[0] > width / MIN_LABEL_PITCH:
            continue  # far too dense to fit: not even generated
        instants = ticks(lo, hi, step, tz)
        if not instants:
            continue
        texts, context = _labels(instants, step, tz)
        boxes = placed([x_of(t) for t in instants], [measure(t) for t in texts], span)
        fallback = (step, instants, texts, boxes)
        keep = _fitting(boxes, gap, context)
        if keep is not None:
            return TimeTicks(step, tuple(instants[i] for i in keep), tuple(texts[i] for i in keep))
    if fallback is None:  # a range too short for a one-second tick: its middle, written in full
        middle = (lo + hi) / 2
        local = datetime.fromtimestamp(middle, tz)
        return TimeTicks((1, "s"), (middle,), (f"{MONTHS[local.month - 1]} {local.day} {local:%H:%M:%S}",))
    step, instants, texts, boxes = fallback
    kept, last = [], None
    for index, box in enumerate(boxes):
        if last is None or box[0] - last >= gap:
            kept.append(index)
            last = box[1]
    return TimeTicks(step, tuple(instants[i] for i in kept), tuple(texts[i] for i in kept))


def _fitting(boxes, gap, context):
    """The indices of the labels to keep, or None when the step does not fit.

    Every label must keep ``gap`` px from its neighbours, except that the one written in full
    (``context``: 0 or -1, ``Mar 3 06:00``) may make a tick or two beside it give way, as long as
    most of the step's ticks stay. The first is handled as the last, mirrored.
    """
    if context == 0:
        mirrored = [(-right, -left) for left, right in reversed(boxes)]
        keep = _fitting(mirrored, gap, -1)
        return None if keep is None else sorted(len(boxes) - 1 - i for i in keep)
    if not all(b[0] - a[1] >= gap for a, b in zip(boxes[:-1], boxes[1:-1])):
        return None
    drop = 0
    while len(boxes) - drop > 2 and boxes[-1][0] - boxes[-2 - drop][1] < gap:
        drop += 1
    if len(boxes) - drop >= 2 and boxes[-1][0] - boxes[-2 - drop][1] < gap:
        return None
    if drop > max(1, (len(boxes) - 1) // 4):
        return None
    return [i for i in range(len(boxes)) if not len(boxes) - 1 - drop <= i < len(boxes) - 1]


def placed(xs, widths, span):
    """(left, right) of each label centred on its x, pushed inside ``span``."""
    out = []
    for x, w in zip(xs, widths):
        centre = min(max(x, span[0] + w / 2), span[1] - w / 2)
        out.append((centre - w / 2, centre + w / 2))
    return out


def ticks(lo, hi, step, tz):
    """The instants in [lo, hi] on ``step``'s calendar boundaries in ``tz``, in order."""
    count, unit = step
    if unit in SUB_DAY:
        return _clock_ticks(lo, hi, count * SUB_DAY[unit], tz)
    first, last = datetime.fromtimestamp(lo, tz).date(), datetime.fromtimestamp(hi, tz).date()
    out = []
    for day in _days(first, last, count, unit):
        t = datetime.combine(day, time()).replace(tzinfo=tz).timestamp()
        if lo <= t <= hi:
            out.append(t)
    return out


def _clock_ticks(lo, hi, seconds, tz):
    """Instants whose local clock reads a multiple of ``seconds`` since midnight; both passes of a repeated hour."""
    out = []
    first, last = datetime.fromtimestamp(lo, tz), datetime.fromtimestamp(hi, tz)
    day = first.date()
    while day <= last.date():
        midnight = datetime.combine(day, time())
        begin = 0 if day != first.date() else max(0, _wall(first) - 7200)  # a DST change shifts the clock 1-2 h
        end = 86400 if day != last.date() else min(86400, _wall(last) + 7200 + 1)
        for wall in range(begin - begin % seconds, end, seconds):
            naive = midnight + timedelta(seconds=wall)
            for fold in (0, 1):
                t = naive.replace(tzinfo=tz, fold=fold).timestamp()
                if lo <= t <= hi and datetime.fromtimestamp(t, tz).replace(tzinfo=None) == naive:
                    out.append(t)  # exists (not in a skipped hour); fold=1 adds the second pass of a repeated one
        day += timedelta(days=1)
    return sorted(set(out))


def _wall(local):
    return local.hour * 3600 + local.minute * 60 + local.second


def _days(first, last, count, unit):
    """Local dates from ``first`` to ``last`` that start a ``count``-``unit`` step."""
    if unit == "y":
        return [date(y, 1, 1) for y in range(first.year, last.year + 1) if y % count == 0]
    if unit == "mo":
        months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
        return [date(m // 12, m % 12 + 1, 1) for m in months if (m % 12) % count == 0]
    out, day = [], first
    while day <= last:
        if unit == "w":
            if day.weekday() == 0:
                out.append(day)
        elif count == 1 or (day.day % 2 == 1 and day.day < _month_days(day)):
            out.append(day)  # every other day: 1, 3, 5 ... never the last of a month (it would touch the 1st)
        day += timedelta(days=1)
    return out


def _month_days(day):
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def labels(instants, step, tz):
    """Concise two-level labels for ticks at ``instants`` of ``step`` (see the module docstring)."""
    return _labels(instants, step, tz)[0]


def _labels(instants, step, tz):
    """(labels, the index of the one written in full to give the context: 0 or -1, when no tick starts
    a coarser unit)."""
    unit = step[1]
    locals_ = [datetime.fromtimestamp(t, tz) for t in instants]
    out, changed = [], False
    for index, local in enumerate(locals_):
        previous = locals_[index - 1] if index else None
        text, new = _label(local, previous, unit)
        changed = changed or new
        if unit in SUB_DAY and previous is not None and (local.utcoffset() != previous.utcoffset() or local.fold):
            text = f"{text} {local.tzname()}"  # the first tick after a DST change, and a repeated hour's 2nd pass
        out.append(text)
    if out and not changed and unit != "y":  # no tick starts a coarser unit: the first one names it
        out[0] = _full(locals_[0], unit)
        return out, 0
    return out, -1


def _fine(local, unit):
    if unit == "s":
        return f"{local:%H:%M:%S}"
    if unit in SUB_DAY:
        return f"{local:%H:%M}"
    if unit in ("d", "w"):
        return str(local.day)
    if unit == "mo":
        return MONTHS[local.month - 1]
    return str(local.year)


def _full(local, unit):
    """The tick written with its coarser unit."""
    if unit in SUB_DAY:
        return f"{MONTHS[local.month - 1]} {local.day} {_fine(local, unit)}"
    if unit in ("d", "w"):
        return f"{MONTHS[local.month - 1]} {local.day}"
    return f"{MONTHS[local.month - 1]} {local.year}"


def _label(local, previous, unit):
    """(text, True when this tick starts a coarser unit than the previous tick's)."""
    if previous is None:  # the first tick: its coarser unit only when it starts exactly there
        if unit in SUB_DAY and (local.hour, local.minute, local.second) == (0, 0, 0):
            return f"{MONTHS[local.month - 1]} {local.day}", True
        if unit in ("d", "w") and local.day == 1:
            return (str(local.year) if local.month == 1 else MONTHS[local.month - 1]), True
        if unit == "mo" and local.month == 1:
            return str(local.year), True
        return _fine(local, unit), False
    if unit in SUB_DAY:
        if local.date() != previous.date():
            at_midnight = (local.hour, local.minute, local.second) == (0, 0, 0)
            day = f"{MONTHS[local.month - 1]} {local.day}"
            return (day if at_midnight else f"{day} {_fine(local, unit)}"), True
        return _fine(local, unit), False
    if unit in ("d", "w"):
        if local.year != previous.year:
            return (str(local.year) if (local.month, local.day) == (1, 1)
                    else f"{MONTHS[local.month - 1]} {local.day} {local.year}"), True
        if local.month != previous.month:
            return (MONTHS[local.month - 1] if local.day == 1 else f"{MONTHS[local.month - 1]} {local.day}"), True
        return _fine(local, unit), False
    if unit == "mo":
        if local.year != previous.year:
            return (str(local.year) if local.month == 1 else f"{MONTHS[local.month - 1]} {local.year}"), True
        return _fine(local, unit), False
    return _fine(local, unit), False
