"""The cold path's grammars, written with string methods instead of ``re``, accept exactly what the
regular expressions they replaced accepted (kept here as the reference; see docs/performance.md)."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dyngraph import compact, query, signing, store, styles, values
from dyngraph.google import params as google_params
from dyngraph.errors import SpecError, Forbidden
from dyngraph.settings import Settings

# The patterns as they were in lib/dyngraph before issue 16 took ``re`` off the 304 and 400 paths.
NUMBER = re.compile(r"-?(?:\d{1,17}(?:\.\d{0,20})?|\.\d{1,20})(?:[eE][-+]?\d{1,3})?\Z", re.ASCII)
INTEGER = re.compile(r"-?\d{1,9}\Z", re.ASCII)
HEX = re.compile(r"#?([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})\Z", re.ASCII)
PERCENT = re.compile(rb"%([0-9A-Fa-f]{2})")
BAD_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")
NAME = re.compile(r"[A-Za-z][A-Za-z0-9_:.-]{0,31}\Z")
GOOGLE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,31}\Z")
LONE_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")
HAS_CHT = re.compile(rb"(?:\A|&)(?:amp;)?cht=")
ID = re.compile(r"[A-Za-z0-9_-]{22}\Z", re.ASCII)
SIG = re.compile(r"[A-Za-z0-9_-]{43}\Z", re.ASCII)
EXP = re.compile(r"\d{1,12}\Z", re.ASCII)
B64 = re.compile(r"[A-Za-z0-9_-]*\Z", re.ASCII)
DECIMAL = re.compile(r"(-?)(\d*)(?:\.(\d*))?(?:e([-+]?\d+))?\Z")
NUMBER_FORMAT = re.compile(r"(f|p|e|c[A-Z]{3})?(\d{0,2})(z?)(s?)([xy]?)")

# Characters the grammars care about, plus look-alikes they must refuse (other digits, space, newline).
NUMERIC = st.text(st.sampled_from("0123456789.eE-+ \n٣²x"), max_size=30)
HEXISH = st.text(st.sampled_from("0123456789abcdefABCDEFgG# \n٣"), max_size=10)
NAMEISH = st.text(st.sampled_from("aZz09_:.-!é \n٣" + "b" * 5), max_size=40)
BASE64ISH = st.text(st.sampled_from("AZaz09-_+/= \n٣"), min_size=40, max_size=46)
FORMATISH = st.text(st.sampled_from("fpecUSDEZzsxyq012٣² \n"), max_size=9)
QUERYISH = st.binary(max_size=30).map(lambda b: bytes(b"%41+%"[i % 5] if x < 80 else x for i, x in enumerate(b)))
SPECIAL = ["", "-", ".", "1.", ".5", "-.5", "1e5", "1E+5", "1e", "1e1234", "1" * 17, "1" * 18, "0." + "1" * 20,
           "0." + "1" * 21, "1\n", "١", "²", "+1", "--1", "1e5e5", "1.2.3", "1_000", "nan", "inf"]


@given(NUMERIC)
@settings(max_examples=1000)
def test_numbers_are_read_as_the_pattern_read_them(text):
    for special in SPECIAL:
        assert values.is_decimal(special) == bool(NUMBER.match(special)), special
        assert values.is_integer(special) == bool(INTEGER.match(special)), special
    assert values.is_decimal(text) == bool(NUMBER.match(text))
    assert values.is_integer(text) == bool(INTEGER.match(text))


@given(HEXISH)
@settings(max_examples=1000)
@example("#abc")
@example("abcdef")
@example("ABCDEF12")
@example("abcdeff")
@example("#")
@example("abc\n")
def test_colours_are_read_as_the_pattern_read_them(text):
    match = HEX.match(text)
    if match is None:
        try:
            values.colour(text, "colors")
        except SpecError as error:
            assert str(error).startswith("colors: must be a hex colour")
        else:
            raise AssertionError(f"{text!r} was accepted")
        return
    digits = match.group(1).lower()
    digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits
    assert values.colour(text, "colors") == (digits[:6] if len(digits) == 8 and digits.endswith("ff") else digits)


@given(NAMEISH)
@settings(max_examples=1000)
@example("a" * 32)
@example("a" * 33)
@example("é")
@example("a\n")
@example("_a")
def test_parameter_names_are_read_as_the_pattern_read_them(text):
    assert query.is_name(text) == bool(NAME.match(text))
    assert google_params.is_name(text) == bool(GOOGLE_NAME.match(text))


def old_unquote(data):
    if BAD_PERCENT.search(data):
        return None
    return PERCENT.sub(lambda m: bytes([int(m.group(1), 16)]), data.replace(b"+", b" "))


@given(QUERYISH)
@settings(max_examples=1000)
@example(b"%")
@example(b"%4")
@example(b"%41")
@example(b"%%41")
@example(b"%4g")
@example(b"a+b%2B%2b")
@example(b"%e2%82%ac")
@example(b"%ff")
def test_percent_decoding_is_as_before(data):
    expected = old_unquote(data)
    try:
        got = query.unquote_strict(data, "title")
    except SpecError as error:
        message = str(error)
        assert expected is None and message.startswith("title: invalid percent-encoding") or (
            expected is not None and message == "title: must be valid UTF-8 text"), (data, message)
        if expected is not None:
            try:
                expected.decode("utf-8")
            except UnicodeDecodeError:
                return
            raise AssertionError(f"{data!r}: decodable, yet refused") from None
        return
    assert expected is not None and got == expected.decode("utf-8")


@given(QUERYISH)
@settings(max_examples=1000)
@example(b"%")
@example(b"25%|75%")
@example(b"%%41")
@example(b"%4%41")
@example(b"%+1")
@example(b"%e2%82%ac%")
def test_google_lone_percents_are_literal_as_before(data):
    escaped = LONE_PERCENT.sub(b"%25", data)
    try:
        expected = query.unquote_strict(escaped, "chl")
    except SpecError as error:
        expected = str(error)
    try:
        got = query.unquote_strict(data, "chl", lone_percent=True)
    except SpecError as error:
        got = str(error)
    assert got == expected


@given(QUERYISH)
@settings(max_examples=1000)
@example(b"cht=p")
@example(b"amp;cht=p")
@example(b"a=1&cht=p")
@example(b"a=1&amp;cht=p")
@example(b"xcht=p")
@example(b"a=1&xcht=p")
@example(b"chts=1")
def test_google_urls_are_recognised_as_before(data):
    assert google_params.looks_like_google(data) == bool(HAS_CHT.search(data))


@given(BASE64ISH)
@settings(max_examples=1000)
def test_signatures_and_expiry_are_checked_as_before(text):
    secret = Settings(secrets=("s3cret",))
    sig = text[:43]
    refused = not SIG.match(sig)
    try:
        signing.precheck((sig, None), secret)
    except Forbidden as error:
        assert refused and "43 characters of base64url" in str(error)
    else:
        assert not refused
    for exp in ("", "1", "9" * 12, "9" * 13, "٣", "-1", "1\n", text[:5]):
        bad = not EXP.match(exp)
        try:
            signing.precheck(("A" * 43, exp), secret, now=0)
        except Forbidden as error:
            assert bad == ("unix time" in str(error)), exp
        else:
            assert not bad


@given(BASE64ISH)
@settings(max_examples=1000)
def test_stored_chart_ids_are_checked_as_before(text):
    for candidate in (text, text[:22], text[:21], text[:23], text[:21] + "\n"):
        try:
            store.check_id(candidate)
        except SpecError as error:
            assert not ID.match(candidate) and str(error).startswith("graphId: must be 22 characters")
        else:
            assert ID.match(candidate)


@given(BASE64ISH)
@settings(max_examples=1000)
def test_compact_alphabet_is_checked_as_before(body):
    if B64.match(body) and len(body) % 4 != 1:
        return  # valid alphabet: decoding goes on (and may fail later for other reasons)
    try:
        compact.decode("~" + body, Settings().limits)
    except SpecError as error:
        assert str(error) == "data: compact form must be '~' then base64url (A-Z a-z 0-9 - _)"
    else:
        raise AssertionError(f"{body!r} was accepted")


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
@settings(max_examples=1000)
@example(1.5)
@example(-1.5e-07)
@example(1e-05)
@example(0.1)
@example(-0.0)
@example(123456789012345.6)
def test_decimal_split_is_as_before(value):
    sign, whole, fraction, exponent = DECIMAL.match(values.format_number(value)).groups()
    fraction = fraction or ""
    mantissa = int(whole + fraction or "0")
    expected = (-mantissa if sign else mantissa), int(exponent or 0) - len(fraction)
    if value == int(value) and abs(value) < 1e15:
        expected = int(value), 0  # the whole-number shortcut, taken before the split
    assert compact._decimal(value) == expected


@given(FORMATISH)
@settings(max_examples=1000)
@example("f2")
@example("cEUR2zs")
@example("cEU2")
@example("p")
@example("e1x")
@example("f٣")
@example("f123")
@example("zsy")
@example("sz")
def test_number_formats_are_read_as_the_pattern_read_them(spec):
    match = NUMBER_FORMAT.fullmatch(spec)
    kind = f"N*{spec}*"
    if match is None:
        try:
            styles.number_format(kind)
        except SpecError as error:
            assert "number format must be like f2" in str(error)
        else:
            raise AssertionError(f"{spec!r} was accepted")
        return
    kind_, decimals, zeros, separators, _axis = match.groups()
    expected = ("", kind_ or "f", int(decimals) if decimals else None, bool(zeros), bool(separators), "")
    assert styles.number_format(kind) == expected


def reference_clean_text(text):
    """clean_text as written before its printable-ASCII shortcut: every character through unicodedata."""
    import unicodedata

    kept = []
    for char in text:
        if char in values._BIDI_CONTROLS:
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp", "Cs", "Co", "Cn"):
            kept.append(" " if char in "\t\n\r\x0b\x0c\x85" else "")
        else:
            kept.append(" " if category == "Zs" else char)
    return " ".join("".join(kept).split())


@given(st.text(st.characters(max_codepoint=0x7F), max_size=40) | st.text(max_size=20))
@settings(max_examples=1000)
@example("  a \t b  ")
@example("a\x1cb")
@example("a\x00b\x7f")
@example("\u2028x\u202e")
def test_clean_text_is_as_before(text):
    assert values.clean_text(text) == reference_clean_text(text)


def test_quickchart_identifiers_are_read_as_the_pattern_read_them():
    """literal._IDENT spells its classes as complements (cheaper to compile); same match on every code point."""
    from dyngraph.quickchart import literal

    reference = re.compile(r"[A-Za-z_$\u00aa-\uffff][\w$\u00aa-\uffff]*")
    for code in range(0x110000):
        char = chr(code)
        for text in (char, "a" + char + "b"):
            expected, got = reference.match(text), literal._IDENT.match(text)
            assert (expected and expected.group()) == (got and got.group()), hex(code)
