"""Google's ``chd`` encodings and ``chds`` scaling -> series of fractions 0..1.

Every value ends up as a fraction of its series' range (``None`` = missing),
with the range it came from, so the mapping can put x and y series on their
own axes and keep a bar chart's zero line where Google drew it.

* ``t:`` (and ``t<N>:``): decimals, series split by ``|``, values by ``,``.
  Without ``chds`` the range is 0-100: values below 0 are missing and values
  above 100 are drawn at 100 (Google's documented rule). ``_`` is missing.
* ``s:``: one character per value, ``A``-``Z`` ``a``-``z`` ``0``-``9`` = 0-61,
  ``_`` missing, series split by ``,``.
* ``e:``: two characters per value from ``A-Za-z0-9-.`` = 0-4095, ``__``
  missing, series split by ``,``.
* ``chds``: ``min,max`` pairs, one per series, the last pair reused for the
  series after it; ``a`` scales all series together from min(0, smallest)
  to the largest value. Only text data is scaled (Google ignored ``chds``
  for ``s:`` and ``e:``). A zero-span range puts its values at the bottom.
"""

from .. import values
from ..errors import SpecError, shown

_SIMPLE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_EXTENDED = _SIMPLE + "-."
_SIMPLE_VALUE = {c: i for i, c in enumerate(_SIMPLE)}
_EXTENDED_VALUE = {c: i for i, c in enumerate(_EXTENDED)}
ENCODINGS = {"t": "text", "s": "simple", "e": "extended"}


class ChartData:
    """Decoded ``chd``: fractions per series, each series' (low, high), and notes."""

    def __init__(self, encoding, fractions, ranges, line_series, notes):
        self.encoding = encoding
        self.fractions = fractions  # tuple of tuples of float 0..1 or None
        self.ranges = ranges  # (low, high) per series, in data units
        self.line_series = line_series  # N of t<N>: (series drawn as lines), else None
        self.notes = notes  # how chd/chds were read, for the validate report

    def values(self, index, low, high):
        """Series ``index`` mapped onto the display range [low, high]."""
        span = high - low
        return tuple(None if f is None else _short(low + f * span) for f in self.fractions[index])


def _short(x):
    """Seven significant digits: exact enough for pixels, short in the canonical URL."""
    return float(f"{x:.7g}") + 0.0


def read(chd, chds, limits):
    """Decode ``chd`` (with ``chds``) into :class:`ChartData`; SpecError names ``chd``/``chds``."""
    prefix, colon, body = chd.partition(":")
    kind = prefix[:1]
    if not colon or kind not in ENCODINGS or (prefix[1:] and not (kind == "t" and prefix[1:].isdigit())):
        msg = f"must start with t:, t<N>:, s: or e:, got {shown(chd[:12])}"
        raise SpecError("chd", msg)
    line_series = int(prefix[1:]) if prefix[1:] else None
    if kind == "t":
        raw = _read_text(body, limits)
    else:
        raw = _read_coded(body, kind, limits)
    notes = [f"chd: {ENCODINGS[kind]} encoding, {len(raw)} series, {sum(map(len, raw))} values"]
    if kind != "t":
        top = 61 if kind == "s" else 4095
        if chds:
            notes.append(f"chds: ignored for {ENCODINGS[kind]} encoding (as Google did)")
        ranges = [(0.0, float(top))] * len(raw)
        fractions = tuple(tuple(None if v is None else v / top for v in s) for s in raw)
        return ChartData(ENCODINGS[kind], fractions, tuple(ranges), line_series, notes)
    ranges = _ranges(chds, raw)
    if chds:
        notes.append("chds: " + ", ".join(f"{values.format_number(lo)}..{values.format_number(hi)}" for lo, hi in ranges))
    else:
        notes.append("chds: none; Google's default range 0..100 (below is missing, above is drawn at 100)")
    fractions = tuple(tuple(_fraction(v, lo, hi) for v in s) for s, (lo, hi) in zip(raw, ranges))
    return ChartData("text", fractions, tuple(ranges), line_series, notes)


def _fraction(value, low, high):
    if value is None or value < low:
        return None
    if high <= low:
        return 0.0
    return (min(value, high) - low) / (high - low)


def _check_sizes(series, limits):
    if len(series) > limits.max_series:
        raise SpecError("chd", f"{len(series)} series; at most {limits.max_series} are accepted")
    total = sum(map(len, series))
    if any(len(s) > limits.max_points for s in series) or total > limits.max_values:
        raise SpecError("chd", f"at most {limits.max_points} values per series and {limits.max_values} in all")


def _read_text(body, limits):
    parts = body.split("|")
    _check_sizes([p.split(",") for p in parts], limits)
    series = []
    for part in parts:
        series.append(tuple(None if v.strip() in ("", "_") else values.number(v.strip(), "chd") for v in part.split(",")))
    return series


def _read_coded(body, kind, limits):
    parts = body.split(",")
    width = 1 if kind == "s" else 2
    table = _SIMPLE_VALUE if kind == "s" else _EXTENDED_VALUE
    _check_sizes([range(len(p) // width) for p in parts], limits)
    series = []
    for part in parts:
        if len(part) % width:
            raise SpecError("chd", f"extended encoding takes two characters per value, got {shown(part[-12:])}")
        decoded = []
        for i in range(0, len(part), width):
            chunk = part[i:i + width]
            if chunk == "_" * width:
                decoded.append(None)
                continue
            try:
                value = table[chunk[0]] if width == 1 else table[chunk[0]] * 64 + table[chunk[1]]
            except KeyError:
                accepted = "A-Z a-z 0-9 and _" if kind == "s" else "A-Z a-z 0-9 - . and __"
                raise SpecError("chd", f"{shown(chunk)} is not {ENCODINGS[kind]}-encoded ({accepted})") from None
            decoded.append(float(value))
        series.append(tuple(decoded))
    return series


def _ranges(chds, raw):
    """(low, high) per series from ``chds`` (pairs, last reused; ``a``; or 0..100)."""
    if not chds:
        return tuple((0.0, 100.0) for _ in raw)
    if chds.strip() == "a":
        present = [v for s in raw for v in s if v is not None]
        low = min([0.0, *present])
        high = max(present) if present else 100.0
        return tuple((low, high) for _ in raw)
    parts = [p.strip() for p in chds.split(",")]
    if len(parts) % 2:  # a min without its max: Google's default max, 100
        parts.append("")
    pairs = []
    for i in range(0, len(parts), 2):  # an empty min or max is Google's default, 0 or 100
        low = values.number(parts[i], "chds") if parts[i] else 0.0
        high = values.number(parts[i + 1], "chds") if parts[i + 1] else max(100.0, low)
        if high < low:
            raise SpecError("chds", f"max must not be below min, got {shown(parts[i])},{shown(parts[i + 1])}")
        pairs.append((low, high))
    return tuple(pairs[min(i, len(pairs) - 1)] for i in range(len(raw)))
