"""Words for a chart: a short description for ``alt`` (at most 250 characters) and a long one (``format=txt``).

What readers without sight ask of a chart (Lundgard & Satyanarayan 2022; W3C
WAI's complex-images tutorial) is the trend, the extremes and the data, not
its colours: so per chart type, line/area give each series' direction from
start to end and its peak; bar/hbar the largest and smallest category; pie/
donut the slices largest first with percentages; scatter the direction and
strength of the correlation; sparkline the range and last value. The title
always comes first, and the count of missing values when there are any.
Pure: a ChartSpec in, text out, standard library only.
"""

import math

MAX_SHORT = 250
MAX_NAME = 32  # characters of a label or series name inside the short description
KINDS = {"line": "Line chart", "area": "Area chart", "bar": "Bar chart", "hbar": "Horizontal bar chart",
         "pie": "Pie chart", "donut": "Donut chart", "scatter": "Scatter plot", "sparkline": "Sparkline",
         "radar": "Radar chart", "qr": "QR code"}
STRENGTHS = ((0.7, "strong"), (0.4, "moderate"), (0.2, "weak"))  # |r| at least -> word


def short(spec):
    """At most ``MAX_SHORT`` characters: what the chart shows, for ``alt``."""
    head = _head(spec, MAX_SHORT // 2)
    tail = _missing(spec)
    room = MAX_SHORT - len(head) - len(tail) - 2
    noun = "slices" if spec.type in ("pie", "donut") else "series"
    return " ".join(part for part in (head, _fitted(_sentences(spec), room, noun), tail) if part)


def heading(spec):
    """The chart's kind and title only ('Line chart: Sales'), for an ``alt`` beside a fuller caption."""
    return _head(spec, MAX_SHORT).rstrip(".")


def long(spec):
    """Every series and value in words, one line each: the text behind ``format=txt``."""
    lines = [_head(spec, None)]
    lines += _details(spec)
    missing = _missing(spec)
    if missing:
        lines.append(missing)
    return "\n".join(lines) + "\n"


# --- the parts ---------------------------------------------------------------------------------------------


def _head(spec, max_title):
    kind = KINDS.get(spec.type, "Chart")
    if spec.type == "qr":
        return f"{kind}: {_clip(spec.qrtext, max_title or len(spec.qrtext))}"  # no full stop after a URL
    if not spec.title:
        return f"{kind}."
    title = spec.title if max_title is None else _clip(spec.title, max_title)
    return f"{kind}: {title.rstrip('.')}."


def _missing(spec):
    count = sum(v is None for series in _shown(spec) for v in series)
    if not count or spec.type == "qr":
        return ""
    return f"{count} missing value{'s' if count > 1 else ''}."


def _sentences(spec):
    """The short description's sentences after the title, most important first."""
    if spec.type in ("line", "area") or spec.type == "scatter" and _timed(spec):  # values over time: a trend
        return [_trend(name, series, spec) for name, series in _named(spec) if _present(series)]
    if spec.type in ("bar", "hbar", "radar"):
        return _bar_extremes(spec)
    if spec.type in ("pie", "donut"):
        return _slices(spec, short=True)
    if spec.type == "scatter":
        return [_correlation(name, pairs) for name, pairs in _named_pairs(spec)]
    if spec.type == "sparkline":
        return [_spark(name, series) for name, series in _named(spec) if _present(series)]
    return []


def _fitted(sentences, room, noun):
    """As many sentences as fit in ``room`` characters, then 'N more series.' for the rest."""
    kept, used = [], 0
    for index, sentence in enumerate(sentences):
        rest = len(sentences) - index - 1
        reserve = len(f" {rest} more {noun}.") if rest else 0
        if used + len(sentence) + 1 + reserve > room:
            left = len(sentences) - index
            note = f"{left} more {noun}."
            if used + len(note) + 1 > room and kept:  # make room for the note
                used -= len(kept.pop()) + 1
                note = f"{left + 1} more {noun}."
            kept.append(note)
            break
        kept.append(sentence)
        used += len(sentence) + 1
    return " ".join(kept)


def _trend(name, series, spec):
    """'Visits rises from 12 (Jan) to 40 (Dec), its peak.' or with the peak elsewhere: ', peak 31 (Aug)'."""
    (first_i, first), (last_i, last) = _ends(series)
    peak_i, peak = max(_points(series), key=lambda p: (p[1], -p[0]))
    if first == last:
        text = f"is flat at {number(first)}" if peak == first and min(_values(series)) == first else \
            f"starts and ends at {number(first)}"
    else:
        verb = "rises" if last > first else "falls"
        text = f"{verb} from {number(first)}{_at(spec, first_i)} to {number(last)}{_at(spec, last_i)}"
    if peak_i == last_i and first != last:
        text += ", its peak"
    elif peak_i != first_i or first == last and peak != first:
        text += f", peak {number(peak)}{_at(spec, peak_i)}"
    if name:
        return f"{name} {text}."
    text = text.removeprefix("is ")
    return f"{text[0].upper()}{text[1:]}."


def _bar_extremes(spec):
    named = _named(spec)
    if spec.stacked and len(named) > 1:  # a stack reads as its total
        length = max(len(series) for _, series in named)
        totals = [sum(series[i] for _, series in named if i < len(series) and series[i] is not None)
                  for i in range(length)]
        cells = [(total, i, "") for i, total in enumerate(totals)]
        prefix = "total "
    else:
        cells = [(v, i, name) for name, series in named for i, v in _points(series)]
        prefix = ""
    if not cells:
        return []
    high = max(cells, key=lambda c: c[0])
    low = min(cells, key=lambda c: c[0])
    if len(cells) == 1:
        return [f"One {prefix or 'value'}: {_cell(spec, high)}."]
    if high[0] == low[0]:
        return [f"All {prefix}values {number(high[0])}."]
    return [f"Largest {prefix}{_cell(spec, high)}, smallest {_cell(spec, low)}."]


def _cell(spec, cell):
    value, index, name = cell
    where = _label(spec, index, "bar")
    return f"{where} at {number(value)}" + (f" ({_clip(name, MAX_NAME)})" if name else "")


def _slices(spec, *, short):
    """Each ring's slices, largest first, with percentages (and values in the long form)."""
    rings = _shown(spec)
    out = []
    offset = 0
    for ring_index, ring in enumerate(rings):
        values = [(v, offset + i) for i, v in enumerate(ring) if v is not None]
        offset += len(ring)
        total = sum(v for v, _ in values)
        if not total:
            continue
        ordered = sorted(values, key=lambda p: (-p[0], p[1]))
        parts = [f"{_label(spec, i, 'Slice', limit=MAX_NAME if short else None)} {_percent(v / total)}"
                 + ("" if short else f" ({number(v)})") for v, i in ordered]
        prefix = f"Ring {ring_index + 1}: " if len(rings) > 1 else ""
        if short:
            out.extend(f"{prefix if n == 0 else ''}{part}{'.' if n == len(parts) - 1 else ','}"
                       for n, part in enumerate(parts))
        else:
            out.append(prefix + ", ".join(parts) + f"; total {number(total)}.")
    return out


def _correlation(name, pairs):
    """'A: strong positive correlation (r = 0.94, 6 points).' (Pearson's r; the strength by |r|)."""
    n = len(pairs)
    r = pearson(pairs) if n >= 3 else None
    strength = None if r is None else next((word for least, word in STRENGTHS if abs(r) >= least), None)
    if n < 3:
        text = f"{n} point{'s' if n != 1 else ''}."
    elif r is None:
        text = f"no correlation ({n} points, one coordinate constant)."
    elif strength is None:
        text = f"no clear correlation (r = {r:.2f}, {n} points)."
    else:
        text = f"{strength} {'positive' if r > 0 else 'negative'} correlation (r = {r:.2f}, {n} points)."
    return f"{name}: {text}" if name else text[0].upper() + text[1:]


def _spark(name, series):
    values = [v for _, v in _points(series)]
    who = f"{name}: range" if name else "Range"
    return f"{who} {number(min(values))} to {number(max(values))}, last value {number(values[-1])}."


def _details(spec):
    """The long description's lines after the title."""
    if spec.type in ("pie", "donut"):
        return _slices(spec, short=False)
    if spec.type == "scatter" and not _timed(spec):
        out = []
        for name, pairs in _named_pairs(spec):
            line = _correlation(name, pairs)
            if pairs:
                xs, ys = [x for x, _ in pairs], [y for _, y in pairs]
                line += (f" x from {number(min(xs))} to {number(max(xs))}, y from {number(min(ys))} to "
                         f"{number(max(ys))}. Points: " + ", ".join(f"({number(x)}, {number(y)})" for x, y in pairs)
                         + ".")
            out.append(line)
        return out
    if spec.type == "qr":
        return []
    out = []
    for name, series in _named(spec):
        values = ", ".join(f"{_label(spec, i, limit=None)} = {'missing' if v is None else number(v)}"
                           for i, v in enumerate(series))
        summary = ""
        if _present(series):
            (low_i, low), (high_i, high) = (min(_points(series), key=lambda p: (p[1], p[0])),
                                            max(_points(series), key=lambda p: (p[1], -p[0])))
            summary = f" Lowest {number(low)}{_at(spec, low_i)}, highest {number(high)}{_at(spec, high_i)}."
            if spec.type in ("line", "area", "sparkline") or _timed(spec):
                summary += f" {_trend('', series, spec)}"
        out.append(f"{name or 'Values'}: {values}." + summary)
    return out


# --- helpers -----------------------------------------------------------------------------------------------


def _timed(spec):
    return bool(spec.times) or spec.start is not None


def _shown(spec):
    """The drawn series (marker-only ``hidden`` ones left out)."""
    return spec.data[:len(spec.data) - spec.hidden] if spec.hidden else spec.data


def _named(spec):
    """(name, series) for each drawn series; no name for a lone unnamed series."""
    series = _shown(spec)
    if len(series) == 1 and not spec.legend:
        return [("", series[0])]
    return [(_clip(spec.legend[i], MAX_NAME) if i < len(spec.legend) and spec.legend[i] else f"Series {i + 1}", s)
            for i, s in enumerate(series)]


def _named_pairs(spec):
    return [(name, [(x, y) for x, y in zip(s[0::2], s[1::2]) if x is not None and y is not None])
            for name, s in _named(spec)]


def _points(series):
    return [(i, v) for i, v in enumerate(series) if v is not None]


def _values(series):
    return [v for v in series if v is not None]


def _present(series):
    return any(v is not None for v in series)


def _ends(series):
    points = _points(series)
    return points[0], points[-1]


def _label(spec, index, fallback="point", *, limit=MAX_NAME):
    if spec.type not in ("pie", "donut") and (spec.times or spec.start is not None):
        from .datatable import time_text

        instants = spec.instants
        if index < len(instants):
            return time_text(instants[index], spec)
    if index < len(spec.labels) and spec.labels[index]:
        return spec.labels[index] if limit is None else _clip(spec.labels[index], limit)
    return f"{fallback} {index + 1}"


def position_name(spec, index):
    """What point ``index`` is called: its label, its time, or 'point N'."""
    return _label(spec, index, limit=None)


def _at(spec, index):
    """`` (Jan)`` for a labelled position; `` (point 3)`` otherwise."""
    return f" ({_label(spec, index)})"


def _clip(text, limit):
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _percent(fraction):
    percent = fraction * 100
    if 0 < percent < 1:
        return "under 1%"
    return f"{round(percent)}%"


def number(value):
    """A value as a reader wants it: whole numbers plain, others to 2 decimals or 3 significant digits."""
    if value == int(value) or abs(value) >= 100:
        return str(int(round(value))) if round(value) != 0 else "0"
    digits = 2 if abs(value) >= 1 else 2 - math.floor(math.log10(abs(value)))
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def pearson(pairs):
    """Pearson's r of (x, y) pairs, or None when x or y does not vary."""
    n = len(pairs)
    mx = sum(x for x, _ in pairs) / n
    my = sum(y for _, y in pairs) / n
    sxy = sum((x - mx) * (y - my) for x, y in pairs)
    sxx = sum((x - mx) ** 2 for x, _ in pairs)
    syy = sum((y - my) ** 2 for _, y in pairs)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)
