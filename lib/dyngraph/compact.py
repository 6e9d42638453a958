"""A compact, exact encoding for long numeric series: ``data=~<base64url>``.

Every value is written as an integer ``k`` times ``10**-d`` (one ``d`` for the
whole chart, the fewest decimal places that hold every value exactly), then
each series as deltas (from the previous value, or from the one two back for
x,y pairs), zigzag-mapped to non-negative integers and bit-packed in blocks
of 64 with the width each block needs. Decoding divides Python integers,
which rounds correctly, so every value decodes to exactly the float the
plain decimal text gives: ``parse(to_query(spec)) == spec`` still holds.

Layout (bytes, before base64url without padding)::

    version=1, varint d, varint n_series,
    per series: varint n (values, gaps included), varint n_gaps,
                n_gaps varints (first gap index, then distance-1 to the next),
                stride (1 or 2),
                per block of up to 64 values that are not gaps:
                    width (0..64), ceil(width*count/8) bytes, little-endian

Standard library only; pure functions. Every chart request imports this module
(spec reads and writes ``data`` with it), most with short plain data: ``binascii``
is therefore imported only by :func:`encode` and :func:`decode`.
"""

from .errors import SpecError
from .values import MAX_MAGNITUDE, format_number

PREFIX = "~"
VERSION = 1
BLOCK = 64
MAX_DECIMALS = 24
MAX_WIDTH = 64
MIN_PLAIN_LENGTH = 200  # below this the readable form is kept even when longer
_TO_URL = bytes.maketrans(b"+/", b"-_")
_FROM_URL = bytes.maketrans(b"-_", b"+/")
_BASE64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


# --- encoding -----------------------------------------------------------------


def encode(series):
    """Series of floats/None -> ``~…`` text, or None when not exactly representable."""
    if not series or any(len(s) == 0 for s in series):
        return None
    parts = []
    for s in series:
        parts.append([None if v is None else _decimal(v) for v in s])
    exponents = [e for p in parts for x in p if x is not None for e in (x[1],)]
    d = max([0, *(-e for e in exponents)])
    if d > MAX_DECIMALS:
        return None
    import binascii

    out = bytearray([VERSION])
    out += _varint(d) + _varint(len(series))
    for p in parts:
        ints = [m * 10 ** (e + d) for m, e in (x for x in p if x is not None)]
        gaps = [i for i, x in enumerate(p) if x is None]
        out += _varint(len(p)) + _varint(len(gaps))
        previous = -1
        for g in gaps:
            out += _varint(g - previous - 1)
            previous = g
        best = None
        for stride in (1, 2):
            packed = _pack(ints, stride)
            if packed is None:
                return None
            if best is None or len(packed) < len(best):
                best = bytes([stride]) + packed
        out += best
    text = binascii.b2a_base64(bytes(out), newline=False).translate(_TO_URL).rstrip(b"=")
    return PREFIX + text.decode("ascii")


def _decimal(value):
    """float -> (mantissa, exponent) with value == mantissa * 10**exponent in decimal."""
    if value == int(value) and abs(value) < 1e15:  # what format_number writes for a whole number: its digits
        return int(value), 0
    digits, _, exponent = format_number(value).partition("e")  # repr(): -?d+[.d+][e[-+]d+]
    whole, _, fraction = digits.partition(".")
    return int(whole + fraction), int(exponent or 0) - len(fraction)  # int() takes the sign with the digits


def _pack(ints, stride):
    """Zigzag deltas bit-packed per block; None when a delta needs more than 64 bits."""
    zigzag = []
    for i, k in enumerate(ints):
        delta = k - (ints[i - stride] if i >= stride else 0)
        zigzag.append(delta * 2 if delta >= 0 else -delta * 2 - 1)
    out = bytearray()
    for start in range(0, len(zigzag), BLOCK):
        block = zigzag[start:start + BLOCK]
        width = max(block).bit_length()
        if width > MAX_WIDTH:
            return None
        packed = 0
        for i, z in enumerate(block):
            packed |= z << (i * width)
        out.append(width)
        out += packed.to_bytes((width * len(block) + 7) // 8, "little")
    return bytes(out)


def _varint(n):
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


# --- decoding -----------------------------------------------------------------


def is_compact(text):
    return text.startswith(PREFIX)


def decode(text, limits):
    """``~…`` text -> tuple of series (floats/None); SpecError on anything malformed."""
    import binascii

    body = text[len(PREFIX):]
    if not _BASE64URL.issuperset(body) or len(body) % 4 == 1:
        raise SpecError("data", "compact form must be '~' then base64url (A-Z a-z 0-9 - _)")
    try:
        raw = binascii.a2b_base64((body + "=" * (-len(body) % 4)).encode("ascii").translate(_FROM_URL))
    except binascii.Error:
        raise SpecError("data", "compact form is not valid base64url") from None
    reader = _Reader(raw)
    if reader.byte() != VERSION:
        raise SpecError("data", f"compact form version must be {VERSION}")
    d = reader.varint()
    n_series = reader.varint()
    if d > MAX_DECIMALS:
        raise SpecError("data", f"compact form has {d} decimal places; at most {MAX_DECIMALS}")
    if not 1 <= n_series <= limits.max_series:
        raise SpecError("data", f"{n_series} series; 1 to {limits.max_series} are accepted")
    scale = 10**d
    total = 0
    series = []
    for _ in range(n_series):
        n = reader.varint()
        total += n
        if not 1 <= n <= limits.max_points or total > limits.max_values:
            msg = f"at most {limits.max_points} values per series and {limits.max_values} in all"
            raise SpecError("data", msg)
        gaps = _read_gaps(reader, n)
        stride = reader.byte()
        if stride not in (1, 2):
            raise SpecError("data", "compact form is corrupt (stride)")
        ints = _unpack(reader, n - len(gaps), stride)
        numbers = [k / scale for k in ints]
        if numbers and max(max(numbers), -min(numbers)) > MAX_MAGNITUDE:
            raise SpecError("data", "must be between -1e15 and 1e15")
        if gaps:
            numbers = iter(numbers)
            numbers = [None if i in gaps else next(numbers) for i in range(n)]
        series.append(tuple(numbers))
    if not reader.done():
        raise SpecError("data", "compact form is corrupt (trailing bytes)")
    return tuple(series)


def _read_gaps(reader, n):
    count = reader.varint()
    if count > n:
        raise SpecError("data", "compact form is corrupt (gaps)")
    gaps, position = set(), -1
    for _ in range(count):
        position += reader.varint() + 1
        if position >= n:
            raise SpecError("data", "compact form is corrupt (gaps)")
        gaps.add(position)
    return gaps


def _unpack(reader, count, stride):
    ints = []
    while len(ints) < count:
        size = min(BLOCK, count - len(ints))
        width = reader.byte()
        if width > MAX_WIDTH:
            raise SpecError("data", "compact form is corrupt (width)")
        packed = int.from_bytes(reader.take((width * size + 7) // 8), "little")
        if width == 0:  # a block of repeats (one byte for 64 values: a long flat series), as the loop below
            for _ in range(size):
                ints.append(ints[-stride] if len(ints) >= stride else 0)
            continue
        mask = (1 << width) - 1
        for i in range(size):
            z = (packed >> (i * width)) & mask
            delta = z >> 1 if not z & 1 else -((z + 1) >> 1)
            j = len(ints)
            ints.append(delta + (ints[j - stride] if j >= stride else 0))
    return ints


class _Reader:
    """Bounds-checked reading of bytes and varints."""

    def __init__(self, raw):
        self.raw, self.pos = raw, 0

    def take(self, n):
        if self.pos + n > len(self.raw):
            raise SpecError("data", "compact form is truncated")
        chunk = self.raw[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def byte(self):
        return self.take(1)[0]

    def varint(self):
        value = 0
        for shift in range(0, 63, 7):
            byte = self.byte()
            value |= (byte & 0x7F) << shift
            if not byte & 0x80:
                return value
        raise SpecError("data", "compact form is corrupt (number too long)")

    def done(self):
        return self.pos == len(self.raw)
