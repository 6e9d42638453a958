"""Readers and writers for the structured style parameters (axes, marks, fills, bars, grid lines).

Standard library only: parsing a request never imports Pillow. Each reader
takes the URL text and returns a canonical, hashable value (tuples of
numbers and strings); each writer gives back text that reads to the same
value, so ``parse(to_query(spec)) == spec`` holds for these parameters too.
The grammars follow Google Image Charts' (``chxl``, ``chxr``, ``chm``, ``chf``,
``chbh``, ``chg``, ``chls``), so Google URLs map onto them one to one.
"""

from . import values
from .errors import SpecError, shown

AXIS_SIDES = ("x", "y", "r", "t")
AXIS_CONTROLS = ("l", "t", "lt", "_")  # axis line only, tick marks only, both, neither
MARK_SHAPES = ("o", "s", "d", "c", "x")  # circle, square, diamond, cross, x
MARK_KINDS = MARK_SHAPES + ("N", "h", "r", "R", "B", "b", "t", "a", "v", "V", "D", "E", "F")
POINT_KINDS = MARK_SHAPES + ("N", "t", "a", "v", "V")  # drawn at chosen points (or at @x:y)
CURRENCIES = {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3", "JPY": "\u00a5"}
FILL_KINDS = ("s", "lg", "ls")
MAX_AXES = 8
MAX_MARKS = 50
MAX_STOPS = 16
MAX_TICK_LENGTHS = 16

_num = values.format_number


def _number(text, param):
    return values.number(text.strip(), param)


def _index(text, param, high):
    return values.integer(text.strip(), param, 0, high)


# --- axes ---------------------------------------------------------------------------


def read_axes(text, _limits=None):
    """``x,y,r,t`` (repeatable, in order) or ``none``; '' is automatic."""
    if text in ("", "none"):
        return text
    sides = text.split(",")
    if len(sides) > MAX_AXES:
        raise SpecError("axes", f"at most {MAX_AXES} axes, got {len(sides)}")
    for side in sides:
        values.choice(side, "axes", AXIS_SIDES + ("none",) if len(sides) == 1 else AXIS_SIDES)
    return ",".join(sides)


def axis_sides(spec):
    """The axes as a tuple of sides (empty for automatic or none)."""
    return tuple(spec.axes.split(",")) if spec.axes not in ("", "none") else ()


def _is_header(part):
    return part.endswith(":") and part[:-1].isdigit() and len(part) <= 3


def read_axis_labels(text, limits):
    """``0:|Jan|Feb|1:||50`` -> ((0, ('Jan', 'Feb')), (1, ('', '50')))."""
    if not text:
        return ()
    blocks, current = {}, None
    for part in text.split("|"):
        if _is_header(part.strip()):
            current = _index(part.strip()[:-1], "axislabels", MAX_AXES - 1)
            blocks[current] = []
        elif current is None:
            raise SpecError("axislabels", f"must start with an axis index like 0:, got {shown(part)}")
        else:
            label = values.text(part, "axislabels", limits.max_label_length)
            if _is_header(label):  # would read back as a header
                label = label[:-1]
            blocks[current].append(label)
    if sum(len(b) for b in blocks.values()) > limits.max_points:
        raise SpecError("axislabels", f"at most {limits.max_points} labels")
    return tuple((i, tuple(blocks[i])) for i in sorted(blocks))


def write_axis_labels(blocks):
    return "|".join(f"{i}:" + "".join("|" + t for t in labels) for i, labels in blocks)


def read_axis_ranges(text, _limits=None):
    """``1,0,100,20|2,0,50`` -> ((1, 0.0, 100.0, 20.0), (2, 0.0, 50.0, None)); step 0 is automatic."""
    out = {}
    for block in filter(None, text.split("|")):
        parts = block.split(",")
        if not 3 <= len(parts) <= 4:
            raise SpecError("axisranges", f"must be <axis>,<start>,<end>[,<step>], got {shown(block)}")
        index = _index(parts[0], "axisranges", MAX_AXES - 1)
        start, end = _number(parts[1], "axisranges"), _number(parts[2], "axisranges")
        step = abs(_number(parts[3], "axisranges")) if len(parts) == 4 and parts[3].strip() else None
        out[index] = (index, start, end, step or None)
    return tuple(out[i] for i in sorted(out))


def write_axis_ranges(ranges):
    return "|".join(",".join([str(i), _num(a), _num(b)] + ([_num(s)] if s else [])) for i, a, b, s in ranges)


def read_axis_positions(text, limits):
    """``1,10,35,75|0,0,50`` -> ((0, (0.0, 50.0)), (1, (10.0, 35.0, 75.0))): label positions in axis units."""
    out = {}
    for block in filter(None, text.split("|")):
        parts = block.split(",")
        if len(parts) < 2:
            raise SpecError("axispositions", f"must be <axis>,<position>,..., got {shown(block)}")
        index = _index(parts[0], "axispositions", MAX_AXES - 1)
        if len(parts) - 1 > limits.max_points:
            raise SpecError("axispositions", f"at most {limits.max_points} positions per axis")
        out[index] = (index, tuple(_number(p, "axispositions") for p in parts[1:]))
    return tuple(out[i] for i in sorted(out))


def write_axis_positions(positions):
    return "|".join(",".join([str(i)] + [_num(p) for p in ps]) for i, ps in positions)


def read_axis_styles(text, _limits=None):
    """Google's ``chxs`` grammar: ``<axis>[<format>],<colour>,<size>,<align>,<l|t|lt|_>,<tick colour>,<line colour>``.

    ``0N*f1*,ff0000,13,0,lt,00ff00,0000ff|1,0000ff`` -> per axis (index, label colour, size (0 = default),
    align '-1'|'0'|'1'|'', control, tick colour, line colour, number format ('' or ``N*f1*``-style, applied to
    the axis' numeric labels)); '' is the default throughout.
    """
    out = {}
    for block in filter(None, text.split("|")):
        parts = [p.strip() for p in block.split(",")]
        if len(parts) > 7:
            raise SpecError("axisstyles", f"must be <axis>[<N format>],<colour>[,<size>,<align>,<l|t|lt|_>,<tick "
                                          f"colour>,<line colour>], got {shown(block)}")
        parts += [""] * (7 - len(parts))
        head = parts[0]
        digits = len(head) - len(head.lstrip("0123456789"))
        index = _index(head[:digits] or head, "axisstyles", MAX_AXES - 1)
        fmt = head[digits:]
        if fmt:
            if not fmt.startswith("N") or number_format(fmt, "axisstyles") is None:
                raise SpecError("axisstyles", f"a number format is N*<f|p|e|cUSD><decimals>[z][s]*, got {shown(fmt)}")
        colour = values.colour(parts[1], "axisstyles") if parts[1] else ""
        size = values.bounded_number(parts[2], "axisstyles", 0, 72) if parts[2] else 0.0
        align = str(values.integer(parts[3], "axisstyles", -1, 1)) if parts[3] else ""  # '': the side's default
        control = values.choice(parts[4], "axisstyles", AXIS_CONTROLS) if parts[4] else ""
        tick = values.colour(parts[5], "axisstyles") if parts[5] else ""
        line = values.colour(parts[6], "axisstyles") if parts[6] else ""
        out[index] = (index, colour, size, align, control, tick, line, fmt)
    return tuple(out[i] for i in sorted(out))


def write_axis_styles(styles):
    blocks = []
    for i, c, s, a, t, tick, line, fmt in styles:
        fields = [f"{i}{fmt}", c, _num(s), a, t, tick, line]
        while len(fields) > 4 and not fields[-1]:
            fields.pop()
        blocks.append(",".join(fields))
    return "|".join(blocks)


def read_tick_lengths(text, _limits=None):
    """Google's ``chxtc``: ``0,10|1,-180,5`` -> ((0, (10.0,)), (1, (-180.0, 5.0))): tick lengths in pixels per
    axis, cycled over its ticks; negative ticks point into the plot (long ones make grid lines)."""
    out = {}
    for block in filter(None, text.split("|")):
        parts = [p.strip() for p in block.split(",")]
        if len(parts) < 2 or len(parts) > 1 + MAX_TICK_LENGTHS:
            raise SpecError("ticklengths", f"must be <axis>,<length>[,<length>...] (up to {MAX_TICK_LENGTHS}), "
                                           f"got {shown(block)}")
        index = _index(parts[0], "ticklengths", MAX_AXES - 1)
        out[index] = (index, tuple(values.bounded_number(p, "ticklengths", -1000, 25) for p in parts[1:]))
    return tuple(out[i] for i in sorted(out))


def write_tick_lengths(lengths):
    return "|".join(",".join([str(i)] + [_num(v) for v in ls]) for i, ls in lengths)


# --- grid lines, bars, line styles, margins ---------------------------------------------


def read_grid_lines(text, _limits=None):
    """``20,50,4,1,0,0``: x and y steps (percent of the plot), dash, space (px), x and y offsets (percent)."""
    if not text:
        return ()
    parts = text.split(",")
    if not 2 <= len(parts) <= 6:
        raise SpecError("gridlines", f"must be <x step>,<y step>[,<dash>,<space>,<x offset>,<y offset>], got {shown(text)}")
    numbers = [_number(p, "gridlines") for p in parts] + [4.0, 1.0, 0.0, 0.0][len(parts) - 2:]
    for i, (low, high) in enumerate([(0, 100), (0, 100), (0, 100), (0, 100), (-100, 100), (-100, 100)]):
        if not low <= numbers[i] <= high:
            raise SpecError("gridlines", f"values must be from {low} to {high}, got {_num(numbers[i])}")
    return tuple(numbers)


def write_numbers(numbers):
    return ",".join(map(_num, numbers))


def read_bar_width(text, _limits=None):
    """``23,4,8`` (pixels), ``a,4,8`` (bars sized to fit; ``a,4,8,23``: at most 23 px wide) or ``r,0.5,1.5``
    (gaps relative to the bar width). -> (mode, width (for ``a``: the largest, 0 = any), gap, group gap)."""
    if not text:
        return ()
    parts = [p.strip() for p in text.split(",")]
    mode = parts[0] if parts[0] in ("a", "r") else "px"
    rest = parts[1:3]
    if len(parts) > (4 if mode == "a" else 3):
        raise SpecError("barwidth", f"must be <width|r>[,<gap>,<group gap>] or a[,<gap>,<group gap>,<largest "
                                    f"width>], got {shown(text)}")
    width = values.bounded_number(parts[0], "barwidth", 1, 1000) if mode == "px" else 0.0
    if mode == "a" and len(parts) == 4 and parts[3]:
        width = values.bounded_number(parts[3], "barwidth", 1, 1000)
    default_gaps = (0.5, 1.5) if mode == "r" else (4.0, 8.0)
    gaps = [values.bounded_number(p, "barwidth", 0, 1000) if p else d for p, d in zip(rest + ["", ""], default_gaps)]
    return (mode, width, gaps[0], gaps[1])


def write_bar_width(bars):
    mode, width, gap, group = bars
    cap = [_num(width)] if mode == "a" and width else []
    return ",".join([mode if mode != "px" else _num(width), _num(gap), _num(group)] + cap)


def read_line_styles(text, _limits=None):
    """``2,4,1|1``: per series thickness[,dash,space] -> ((2.0, 4.0, 1.0), (1.0, 0.0, 0.0))."""
    out = []
    for block in text.split("|") if text else ():
        parts = [p.strip() for p in block.split(",")]
        if len(parts) > 3 or not parts[0]:
            raise SpecError("linestyles", f"must be <width>[,<dash>,<space>] per series, got {shown(block)}")
        width = values.bounded_number(parts[0], "linestyles", 0, 12)
        dash = values.bounded_number(parts[1], "linestyles", 0, 100) if len(parts) > 1 and parts[1] else 0.0
        space = values.bounded_number(parts[2], "linestyles", 0, 100) if len(parts) > 2 and parts[2] else 0.0
        out.append((width, dash, space) if dash and space else (width, 0.0, 0.0))
    return tuple(out)


def write_line_styles(styles):
    return "|".join(_num(w) if not d else f"{_num(w)},{_num(d)},{_num(s)}" for w, d, s in styles)


def read_margins(text, _limits=None):
    """``l,r,t,b`` pixels around the plot area (inside the image)."""
    if not text:
        return ()
    parts = text.split(",")
    if len(parts) != 4:
        raise SpecError("margins", f"must be <left>,<right>,<top>,<bottom> in pixels, got {shown(text)}")
    return tuple(values.integer(p.strip(), "margins", 0, 500) for p in parts)


def write_ints(numbers):
    return ",".join(map(str, numbers))


# --- legend order ---------------------------------------------------------------------


def read_legend_order(text, limits):
    """``r`` (reversed), ``a`` (shortest first) or indices ``2,0,1`` (only those, in that order); '' as given."""
    if text in ("", "r", "a"):
        return text
    parts = text.split(",")
    if len(parts) > limits.max_series:
        raise SpecError("legendorder", f"at most {limits.max_series} indices")
    try:
        return ",".join(str(values.integer(p.strip(), "legendorder", 0, limits.max_series - 1)) for p in parts)
    except SpecError:
        msg = f"must be r, a or series indices from 0 to {limits.max_series - 1} like 2,0,1, got {shown(text)}"
        raise SpecError("legendorder", msg) from None


# --- per-point colours ------------------------------------------------------------------


def read_point_colours(text, limits):
    """``ff0000|00ff00,0000ff`` -> (('ff0000', '00ff00'), ('0000ff',)): per series, the colours of its points."""
    if not text:
        return ()
    out = []
    for group in text.split(","):
        items = tuple(values.colour(c.strip(), "pointcolors") for c in group.split("|") if c.strip())
        if not items:
            raise SpecError("pointcolors", f"each series needs at least one colour, got {shown(text)}")
        if len(items) > limits.max_points:
            raise SpecError("pointcolors", f"at most {limits.max_points} colours per series")
        out.append(items)
    return tuple(out)


def write_point_colours(groups):
    return ",".join("|".join(g) for g in groups)


def point_colour(spec, series, index, default):
    """The colour of point ``index`` of ``series``: its ``pointcolors`` entry (cycled), else ``default``."""
    if series < len(spec.pointcolors):
        group = spec.pointcolors[series]
        return group[index % len(group)]
    return default


# --- fills ----------------------------------------------------------------------------


def read_fill(text, param):
    """``s,<colour>``, ``lg,<angle>,<colour>,<offset>,...`` or ``ls,<angle>,<colour>,<width>,...``.

    -> (kind, angle, ((colour, number), ...)); offsets and stripe widths are 0..1.
    """
    if not text:
        return ()
    parts = [p.strip() for p in text.split(",")]
    kind = values.choice(parts[0], param, FILL_KINDS)
    if kind == "s":
        if len(parts) != 2:
            raise SpecError(param, f"a solid fill is s,<colour>, got {shown(text)}")
        return ("s", 0.0, ((values.colour(parts[1], param), 0.0),))
    stops = parts[2:]
    if len(parts) < 4 or len(stops) % 2 or len(stops) // 2 > MAX_STOPS:
        raise SpecError(param, f"must be {kind},<angle>,<colour>,<number>,... (up to {MAX_STOPS}), got {shown(text)}")
    angle = values.bounded_number(parts[1], param, -360, 360)
    pairs = tuple((values.colour(stops[i], param), values.bounded_number(stops[i + 1], param, 0, 1))
                  for i in range(0, len(stops), 2))
    return (kind, angle, pairs)


def write_fill(fill):
    kind, angle, stops = fill
    if kind == "s":
        return f"s,{stops[0][0]}"
    return ",".join([kind, _num(angle)] + [f"{c},{_num(n)}" for c, n in stops])


# --- marks ----------------------------------------------------------------------------


def read_marks(text, _limits=None):
    """Google's ``chm`` grammar (a subset), ``|``-separated; see :data:`MARK_KINDS`.

    * shapes ``o s d c x`` and value labels ``N``: ``<kind>,<colour>,<series>,<which>,<size>``,
      ``which`` = a point index (``1.5``: halfway between points 1 and 2), ``-1`` (all), ``-<n>`` (every n-th)
      or ``<start>:<end>:<n>``;
    * ``h,<colour>,0,<y 0..1>,<thickness>``: a horizontal line across the plot;
    * ``r``/``R,<colour>,0,<start 0..1>,<end 0..1>``: a horizontal / vertical band;
    * ``B,<colour>,<series>,0,0``: fill under a line; ``b,<colour>,<series>,<series 2>,0``: fill between.
    * ``E,<colour>,<series>,<which>,<width>``: error bars between ``series`` and the next one;
      ``F,<colour>,<series>,<which>,<width>``: candlesticks from four series (low, open, close, high).

    -> (kind, colour, series, which (canonical text), size) per mark.
    """
    out = []
    for block in filter(None, text.split("|")):
        parts = [p.strip() for p in block.split(",")]
        kind = parts[0]
        base = mark_base(kind)
        if base not in MARK_KINDS or (kind.startswith("@") and base not in POINT_KINDS):
            raise SpecError("marks", f"kind must be one of {' '.join(MARK_KINDS)} (text t<text>, "
                                     f"value format N*f2*, @ before a point kind), got {shown(kind)}")
        if base == "t":
            kind = kind[:kind.index("t") + 1] + values.text(kind[kind.index("t") + 1:], "marks", 100)
        elif base == "N":
            number_format(kind)  # checks it
        if len(parts) < 5:
            raise SpecError("marks", f"must be <kind>,<colour>,<series>,<which>,<size>, got {shown(block)}")
        colour = values.colour(parts[1], "marks")
        series = values.integer(parts[2], "marks", 0, 99)
        if kind.startswith("@"):  # at x:y, fractions of the plot
            x, _, y = parts[3].partition(":")
            which = f"{_num(values.bounded_number(x, 'marks', 0, 1))}:{_num(values.bounded_number(y, 'marks', 0, 1))}"
            size = values.bounded_number(parts[4], "marks", 0, 100)
        elif kind in ("h", "r", "R"):
            which = _num(values.bounded_number(parts[3], "marks", 0, 1))
            size = values.bounded_number(parts[4], "marks", 0, 1 if kind != "h" else 50)
        elif kind == "b":
            which = str(values.integer(parts[3], "marks", 0, 99))
            size = 0.0
        elif kind == "B":
            which, size = "0", 0.0
        else:
            which = _which(parts[3])
            size = values.bounded_number(parts[4], "marks", 0, 100)
        out.append((kind, colour, series, which, size))
    if len(out) > MAX_MARKS:
        raise SpecError("marks", f"at most {MAX_MARKS} marks, got {len(out)}")
    return tuple(out)


def mark_base(kind):
    """The kind of a mark without its text, number format or ``@``: ``tHello`` -> ``t``, ``N*f2*`` -> ``N``."""
    kind = kind[1:] if kind.startswith("@") else kind
    return kind[:1] if kind[:1] in ("t", "N") else kind


def number_format(kind, param="marks"):
    """``N<before>*<f|p|e|c<ISO>><decimals>[z][s][x|y]*<after>`` -> (before, type, decimals or None, zeros,
    separators, after); a plain ``N`` -> None (numbers as dyngraph writes them)."""
    body = kind[kind.index("N") + 1:]
    if body.count("*") < 2:
        if body:
            raise SpecError(param, f"a value format is N<text>*<f|p|e|cUSD><decimals>[z][s]*<text>, got {shown(kind)}")
        return None
    before, spec, after = body.split("*", 2)
    shape = _number_format(spec)
    if shape is None:
        raise SpecError(param, f"number format must be like f2, p0, e1, cEUR2 with z and s flags, got {shown(spec)}")
    kind_, decimals, zeros, separators = shape
    return (before, kind_ or "f", int(decimals) if decimals else None, zeros, separators, after)


_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _number_format(spec):
    """``(f|p|e|c[A-Z]{3})?(d{0,2})(z?)(s?)([xy]?)``, whole -> (kind or "", decimals text, z, s), else None.

    String methods, not ``re`` (~4 ms per CGI process). The decimals are any Unicode decimal digits,
    as the pattern's ``\\d`` took them (``str.isdecimal`` is the same class); ``int`` reads them.
    """
    kind = ""
    if spec[:1] in ("f", "p", "e"):
        kind = spec[0]
    elif spec[:1] == "c" and len(spec) >= 4 and _UPPER.issuperset(spec[1:4]):
        kind = spec[:4]
    rest = spec[len(kind):]
    count = 0
    while count < 2 and rest[count:count + 1].isdecimal():
        count += 1
    decimals, rest = rest[:count], rest[count:]
    zeros = rest[:1] == "z"
    rest = rest[1:] if zeros else rest
    separators = rest[:1] == "s"
    rest = rest[1:] if separators else rest
    if rest in ("x", "y"):  # an axis letter: accepted and unused, as before
        rest = ""
    return None if rest else (kind, decimals, zeros, separators)


def format_value(kind, value):
    """A value label as mark ``kind`` (``N`` or ``N*f2*``...) asks, like Google's chm N formats."""
    from .scale import format_number

    shape = number_format(kind)
    if shape is None:
        return format_number(value)
    before, type_, decimals, zeros, separators, after = shape
    if type_ == "e":
        text = f"{value:.{2 if decimals is None else decimals}e}"
    else:
        number = value * 100 if type_ == "p" else value
        places = 0 if decimals is None and type_ != "f" else decimals
        text = f"{number:{',' if separators else ''}.{6 if places is None else places}f}"
        if (places is None or not zeros) and "." in text:
            text = text.rstrip("0").rstrip(".")
        if type_ == "p":
            text += "%"
        elif type_.startswith("c"):
            code = type_[1:]
            text = CURRENCIES.get(code, code + " ") + text
    return before + text + after


def _which(text):
    if "." in text and ":" not in text:  # between two points: 1.5 is halfway from point 1 to point 2
        return _num(values.bounded_number(text, "marks", 0, 100000))
    if ":" in text:
        parts = (text.split(":") + ["", ""])[:3]
        start = values.integer(parts[0], "marks", 0, 100000) if parts[0] else 0
        end = values.integer(parts[1], "marks", 0, 100000) if parts[1] else 100000
        step = values.integer(parts[2], "marks", 1, 100000) if parts[2] else 1
        return f"{start}:{end}:{step}"
    return str(values.integer(text, "marks", -100000, 100000))


def mark_points(which, count):
    """The point indices ``which`` selects among ``count`` points (a fraction such as 1.5: between two points)."""
    if "." in which and ":" not in which:
        place = float(which)
        return [place] if place <= count - 1 else []
    if ":" in which:
        start, end, step = map(int, which.split(":"))
        return range(start, min(end, count - 1) + 1, step)
    n = int(which)
    if n == -1:
        return range(count)
    if n < 0:
        return range(0, count, -n)
    return [n] if n < count else []


def write_marks(marks):
    return "|".join(f"{k},{c},{s},{w},{_num(z)}" for k, c, s, w, z in marks)
