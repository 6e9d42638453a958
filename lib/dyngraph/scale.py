"""Numbers to pixels: nice 1-2-5 ticks, linear scales, short number labels (no Pillow)."""

import math
from .record import record

_NICE = (1, 2, 5, 10)
_SUFFIXES = ((1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))
_TINY = 1e-300


@record
class Ticks:
    """An axis: its bounds and the tick values between them."""

    low: float
    high: float
    step: float
    values: tuple


def nice_step(span, max_ticks):
    """The smallest 1, 2 or 5 x 10^n step that cuts ``span`` into at most ``max_ticks`` parts."""
    max_ticks = max(1, int(max_ticks))
    if not span > _TINY or not math.isfinite(span):
        return 1.0
    raw = span / max_ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in _NICE:
        step = factor * magnitude
        if step >= raw * (1 - 1e-9):
            return step
    return 10 * magnitude


def widen(low, high):
    """Give an empty or tiny range some height so it can be drawn: 5 -> (4, 6)."""
    if low > high:
        low, high = high, low
    span = high - low
    size = max(abs(low), abs(high))
    if span > _TINY and span > size * 1e-12:
        return low, high
    pad = size * 0.1 if size > 1e-9 else 1.0
    middle = (low + high) / 2
    return middle - pad, middle + pad


def nice_ticks(low, high, max_ticks=6, *, fixed_low=None, fixed_high=None):
    """Ticks for the data range [low, high], widened to whole steps unless fixed.

    ``fixed_low``/``fixed_high`` (the user's min/max) are kept exactly; the
    ticks are then the step multiples that fall inside them.
    """
    if fixed_low is not None:
        low = fixed_low
    if fixed_high is not None:
        high = fixed_high
    low, high = widen(low, high)
    step = nice_step(high - low, max_ticks)
    if fixed_low is None:
        low = math.floor(low / step + 1e-9) * step
    if fixed_high is None:
        high = math.ceil(high / step - 1e-9) * step
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    count = max(0, min(last - first + 1, 1000))
    digits = max(0, -math.floor(math.log10(step)) + 1)
    values = tuple(_clean(round((first + i) * step, digits) if digits < 300 else (first + i) * step)
                   for i in range(count))
    return Ticks(low, high, step, values)


def _clean(value):
    return 0.0 if value == 0 else value


@record
class Linear:
    """Maps data values in [low, high] onto pixels [start, end] (end < start for y)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value):
        span = self.high - self.low
        if not span:
            return (self.start + self.end) / 2
        return self.start + (value - self.low) / span * (self.end - self.start)

    def coefficients(self):
        """(a, b) with pixel = a * value + b, for mapping many values fast."""
        span = self.high - self.low
        if not span:
            return 0.0, (self.start + self.end) / 2
        a = (self.end - self.start) / span
        return a, self.start - self.low * a

    def inverse(self, pixel):
        span = self.end - self.start
        return self.low + (pixel - self.start) / span * (self.high - self.low) if span else self.low


def format_number(value, step=None):
    """A short label: 1500 -> '1.5k', 2000000 -> '2M', -0.25 -> '-0.25', 1e-7 -> '1e-7'.

    With ``step`` (the tick spacing) every label of an axis gets just the
    decimals that distinguish neighbouring ticks; without, three significant digits.
    """
    if not math.isfinite(value):
        return ""
    if step is None:
        value = float(f"{value:.3g}")
    elif abs(value) < abs(step) * 1e-9:
        return "0"
    size = abs(value)
    if size == 0:
        return "0"
    if size < 1e-4:
        digits = 2 if step is None else max(0, min(15, math.floor(math.log10(size)) - math.floor(math.log10(abs(step)))))
        return _short_exponent(f"{value:.{digits}e}")
    divisor, suffix = 1.0, ""
    for limit, name in _SUFFIXES:
        # On an axis, a suffix only where it keeps labels short: 1000.18, not 1.00018k.
        if size >= limit * (1 - 1e-12) and (step is None or _decimals(abs(step) / limit) <= 2):
            divisor, suffix = limit, name
            break
    scaled = value / divisor
    if step is not None:
        decimals = _decimals(abs(step) / divisor)
    else:
        decimals = 2 - math.floor(math.log10(abs(scaled)))
    text = f"{scaled:.{max(0, min(decimals, 15))}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("0" if text == "-0" else text) + suffix


def _decimals(step):
    """How many decimals write ``step`` exactly: 0.25 -> 2, 5 -> 0."""
    for decimals in range(16):
        if abs(round(step, decimals) - step) <= step * 1e-9:
            return decimals
    return 15


def _short_exponent(text):
    """'1.50e-07' -> '1.5e-7'."""
    mantissa, _, exponent = text.partition("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{int(exponent)}"
