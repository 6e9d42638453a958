"""Chart.js configs as QuickChart URLs carry them: JSON plus JavaScript object literals, read, never run.

QuickChart evaluates ``c=`` as JavaScript; real configs are mostly not JSON
(unquoted keys, single quotes, trailing commas, comments). This parser reads
exactly the literal part of JavaScript: objects, arrays, strings (single,
double and template quotes without ``${}``), numbers (``.5``, ``-1e3``,
``0x1F``), ``true``/``false``/``null``/``undefined``. Anything else — a
``function``, an arrow, a call such as ``getGradientFillHelper(…)``, a
variable, ``'a' + 'b'`` — is skipped over with its brackets and strings
balanced and kept as a :class:`Code` value holding its source text: it is
never evaluated, and the mapping reports its key path as unsupported.

Total and bounded: any text gives a value or a :class:`SpecError` naming
``c`` and the character position; nesting is limited to ``MAX_DEPTH`` and
the work is linear in the text's length (one pass, regular expressions
without backtracking over the input).
"""

import re

from ..errors import SpecError, shown

MAX_DEPTH = 32  # objects and arrays inside each other
MAX_ITEMS = 200_000  # values in one config (every number, string, key counts)
_CODE_NESTING = 256  # brackets inside one skipped function or expression

_SPACE_START = frozenset(" \t\n\r\f\v\u00a0\ufeff\u2028\u2029/")  # what may begin whitespace or a comment
_SPACE = re.compile(r"(?:[ \t\n\r\f\v\u00a0\ufeff\u2028\u2029]+|//[^\n\r]*|/\*.*?\*/)*", re.S)
_NUMBER = re.compile(r"[+-]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
# An identifier: [A-Za-z_$\u00aa-\uffff][\w$\u00aa-\uffff]*, written through the complements of those
# classes: re fills a 64 K table for a class with a range inside U+0100-U+FFFF, ~5 ms at import for
# the two, on every QuickChart request (a 304 included). Tested equal on every code point.
_NOT_IDENT_START = r"\x00-\x23\x25-\x40\x5b-\x5e\x60\x7b-\xa9\U00010000-\U0010ffff"
_NOT_IDENT_PART = r"\x00-\x23\x25-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\xa9\U00010000-\U0010ffff"
_IDENT = re.compile(rf"[^{_NOT_IDENT_START}](?:[^{_NOT_IDENT_PART}]|\w)*")
_PLAIN = {"'": re.compile(r"[^'\\\n\r]*"), '"': re.compile(r'[^"\\\n\r]*'), "`": re.compile(r"[^`\\$]*")}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_KEYWORDS = {"true": True, "false": False, "null": None}
_ENDS = ",}]:)"  # what may follow a complete value
_OPERATORS = "+-*/%?&|<>=!.(["  # ...and what turns it into an expression


class _Undefined:
    """JavaScript's ``undefined``: an option given as undefined takes its default."""

    __slots__ = ()

    def __repr__(self):
        return "undefined"

    def __bool__(self):
        return False


UNDEFINED = _Undefined()


class Code:
    """JavaScript that is not a literal (a function, arrow, call, variable, expression): never run."""

    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return f"Code({self.text!r})"

    def __eq__(self, other):
        return isinstance(other, Code) and other.text == self.text

    def __hash__(self):
        return hash(self.text)

    @property
    def kind(self):
        """What it is, in words, for reports: a function, an arrow function, a call, an expression."""
        text = self.text.lstrip("( ")
        if text.startswith(("function", "async")):
            return "a function"
        if "=>" in self.text:
            return "an arrow function"
        if "(" in text and _IDENT.match(text):
            return "a call"
        if _IDENT.fullmatch(text):
            return "a variable"
        return "an expression"


def parse(text, *, max_length):
    """Config text -> Python values (dict, list, str, int, float, bool, None, UNDEFINED, Code); SpecError."""
    if len(text) > max_length:
        raise SpecError("c", f"config is {len(text)} characters; at most {max_length} are accepted")
    return _Parser(text).document()


class _Parser:
    def __init__(self, text):
        self.text, self.pos, self.items = text, 0, 0

    # --- errors and whitespace ------------------------------------------------

    def fail(self, what, at=None):
        at = self.pos if at is None else at
        line = self.text.count("\n", 0, at) + 1
        column = at - (self.text.rfind("\n", 0, at) + 1) + 1
        near = self.text[at:at + 12]
        found = f" near {shown(near, 12)}" if near else " at the end"
        raise SpecError("c", f"not a Chart.js config: {what} at line {line}, column {column}{found}")

    def skip(self):
        if self.text[self.pos:self.pos + 1] not in _SPACE_START:  # the common case: nothing to skip
            return
        self.pos = _SPACE.match(self.text, self.pos).end()
        if self.text.startswith("/*", self.pos):
            self.fail("unterminated /* comment")

    def peek(self):
        char = self.text[self.pos:self.pos + 1]
        if char and char not in _SPACE_START:
            return char
        self.skip()
        return self.text[self.pos:self.pos + 1]

    # --- values -----------------------------------------------------------------

    def document(self):
        value = self.value(0)
        if self.peek() == ";":  # `{…};` pasted from a script
            self.pos += 1
        if self.peek():
            self.fail("unexpected text after the config")
        return value

    def value(self, depth):
        self.items += 1
        if self.items > MAX_ITEMS:
            self.fail(f"more than {MAX_ITEMS} values")
        char = self.peek()
        start = self.pos
        if char == "{":
            value = self.object(depth + 1)
        elif char == "[":
            value = self.array(depth + 1)
        elif char in ("'", '"', "`"):
            try:
                value = self.string(char)
            except _Template:
                return self.code(start)
        elif char and (char in "0123456789." or char in "+-" and _NUMBER.match(self.text, self.pos)):
            value = self.number()
        elif char and _IDENT.match(self.text, self.pos):
            word = _IDENT.match(self.text, self.pos).group()
            self.pos += len(word)
            if word in _KEYWORDS:
                value = _KEYWORDS[word]
            elif word == "undefined":
                value = UNDEFINED
            else:
                return self.code(start)
        elif char and char not in _ENDS:
            return self.code(start)
        else:
            self.fail("a value is missing")
        following = self.peek()
        if following and following not in _ENDS:
            if following in _OPERATORS:  # `'a' + 'b'`, `'#F00'.toLowerCase()`: an expression, not a literal
                return self.code(start)
            self.fail("expected ',' after a value")
        return value

    def object(self, depth):
        if depth > MAX_DEPTH:
            self.fail(f"nested more than {MAX_DEPTH} levels deep")
        self.pos += 1
        result = {}
        while True:
            char = self.peek()
            if char == "}":
                self.pos += 1
                return result
            key_at = self.pos
            key = self.key()
            char = self.peek()
            if char == ":":
                self.pos += 1
                result[key] = self.value(depth)
            elif char == "(":  # a method: `formatter(v) { … }`
                result[key] = self.code(self.pos)
            elif char in (",", "}") and _IDENT.fullmatch(key):  # shorthand `{ data }`: a variable
                result[key] = Code(key)
            else:
                self.fail(f"expected ':' after the key {shown(key, 20)}", key_at)
            char = self.peek()
            if char == ",":
                self.pos += 1
            elif char != "}":
                self.fail("expected ',' or '}' in an object")

    def key(self):
        char = self.text[self.pos:self.pos + 1]
        if char in ("'", '"'):
            return self.string(char)
        match = _IDENT.match(self.text, self.pos) or _NUMBER.match(self.text, self.pos)
        if not match:
            self.fail("expected a key")
        self.pos = match.end()
        return match.group()

    def array(self, depth):
        if depth > MAX_DEPTH:
            self.fail(f"nested more than {MAX_DEPTH} levels deep")
        self.pos += 1
        result = []
        while True:
            char = self.peek()
            if char == "]":
                self.pos += 1
                return result
            if char == ",":  # a hole: [1,,3]
                self.pos += 1
                result.append(UNDEFINED)
                continue
            result.append(self.value(depth))
            char = self.peek()
            if char == ",":
                self.pos += 1
            elif char != "]":
                self.fail("expected ',' or ']' in an array")

    def number(self):
        match = _NUMBER.match(self.text, self.pos)
        if not match:
            self.fail("expected a number")
        self.pos = match.end()
        raw = match.group()
        digits = raw.lstrip("+-")
        sign = -1 if raw.startswith("-") else 1
        if digits[:2] in ("0x", "0X"):
            return sign * int(digits[2:18], 16) if len(digits) <= 18 else sign * float("inf")
        if len(digits) <= 18 and digits.isdigit():
            return sign * int(digits)
        return float(raw)  # long or exponent forms; may be inf, which readers refuse by key path

    def string(self, quote):
        text, pos = self.text, self.pos + 1
        plain = _PLAIN[quote]
        parts = []
        while True:
            end = plain.match(text, pos).end()
            parts.append(text[pos:end])
            pos = end
            char = text[pos:pos + 1]
            if char == quote:
                self.pos = pos + 1
                return "".join(parts)
            if char == "\\":
                piece, pos = self.escape(pos)
                parts.append(piece)
            elif char == "$":
                if text.startswith("${", pos):  # a template with substitutions is code
                    raise _Template
                parts.append("$")
                pos += 1
            else:
                self.fail("unterminated string", self.pos)

    def escape(self, pos):
        """One backslash escape at ``pos`` -> (text, position after it)."""
        text = self.text
        char = text[pos + 1:pos + 2]
        if not char:
            self.fail("unterminated string", pos)
        if char in _ESCAPES and not (char == "0" and text[pos + 2:pos + 3].isdigit()):
            return _ESCAPES[char], pos + 2
        if char == "x":
            digits = text[pos + 2:pos + 4]
            if len(digits) == 2 and all(c in "0123456789abcdefABCDEF" for c in digits):
                return chr(int(digits, 16)), pos + 4
            self.fail("bad \\x escape", pos)
        if char == "u":
            return self.unicode_escape(pos)
        if char == "\r":
            return "", pos + (3 if text[pos + 2:pos + 3] == "\n" else 2)
        if char in "\n\u2028\u2029":  # a line continuation
            return "", pos + 2
        return char, pos + 2

    def unicode_escape(self, pos):
        text = self.text
        if text[pos + 2:pos + 3] == "{":
            close = text.find("}", pos + 3, pos + 10)
            digits = text[pos + 3:close] if close > 0 else ""
            end = close + 1
        else:
            digits, end = text[pos + 2:pos + 6], pos + 6
            if len(digits) != 4:
                digits = ""
        if not digits or not all(c in "0123456789abcdefABCDEF" for c in digits) or int(digits, 16) > 0x10FFFF:
            self.fail("bad \\u escape", pos)
        code = int(digits, 16)
        if 0xD800 <= code < 0xDC00 and text[end:end + 2] == "\\u":  # a surrogate pair
            low = text[end + 2:end + 6]
            if len(low) == 4 and all(c in "0123456789abcdefABCDEF" for c in low) and 0xDC00 <= int(low, 16) < 0xE000:
                return chr(0x10000 + ((code - 0xD800) << 10) + int(low, 16) - 0xDC00), end + 6
        if 0xD800 <= code < 0xE000:
            return "\ufffd", end  # a lone surrogate cannot be text
        return chr(code), end

    # --- code: skipped, balanced, never run ---------------------------------------

    def code(self, start):
        """Skip the expression starting at ``start`` up to the ``,``, ``}`` or ``]`` that ends it."""
        text, pos, stack = self.text, start, []
        closing = {"(": ")", "[": "]", "{": "}"}
        while pos < len(text):
            char = text[pos]
            if char in "'\"`":
                pos = self.skip_string(pos)
                continue
            if text.startswith("//", pos) or text.startswith("/*", pos):
                self.pos = pos
                self.skip()
                pos = self.pos
                continue
            if char in closing:
                if len(stack) >= _CODE_NESTING:
                    self.fail("code nested too deeply", pos)
                stack.append(closing[char])
            elif char in ")]}":
                if not stack:
                    break
                if stack.pop() != char:
                    self.fail(f"unbalanced {char!r} in code", pos)
            elif char == "," and not stack:
                break
            pos += 1
        if stack:
            self.fail("unbalanced brackets in code", start)
        self.pos = pos
        source = text[start:pos].strip()
        if not source:
            self.fail("a value is missing", start)
        return Code(source)

    def skip_string(self, pos):
        """The position after the string literal starting at ``pos`` (templates with ``${…}`` included)."""
        text, quote = self.text, self.text[pos]
        pos += 1
        depth = 0
        while pos < len(text):
            char = text[pos]
            if char == "\\":
                pos += 2
                continue
            if quote == "`" and text.startswith("${", pos):
                depth += 1
                pos += 2
                continue
            if quote == "`" and depth and char in "{}":
                depth += 1 if char == "{" else -1
            elif char == quote and not depth:
                return pos + 1
            elif char in "\n\r" and quote != "`":
                break
            pos += 1
        self.fail("unterminated string in code", pos)



class _Template(Exception):
    """A template literal with ``${…}``: read again as code."""
