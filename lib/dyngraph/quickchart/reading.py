"""Reading a parsed config while remembering every key path looked at, so nothing is silently ignored.

The mapping asks a :class:`Reading` for values by key path; at the end
:meth:`Reading.leftovers` lists every key it never asked for. Those, the
functions it found (:class:`literal.Code`) and the keys drawn differently
become notes, and the notes become the validate report and the
``X-Dyngraph-Unsupported`` header.
"""

import re

from ..errors import SpecError, shown
from .literal import UNDEFINED, Code

from ..dialect_report import IGNORED, NOT, OK, PARTIAL  # noqa: F401  (the levels a note can have)
_NUMERIC = re.compile(r"[+-]?(?:\d{1,17}(?:\.\d{0,20})?|\.\d{1,20})(?:[eE][+-]?\d{1,3})?\Z", re.ASCII)


class Note:
    """How one key path was read: ``level`` is ok, partial, not supported or ignored."""

    def __init__(self, path, level, text):
        self.param, self.level, self.text = path, level, text

    def __repr__(self):
        return f"Note({self.param!r}, {self.level!r}, {self.text!r})"


def join(path, key):
    """``data`` + ``labels`` -> ``data.labels``; an int key -> ``data.datasets[0]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Reading:
    """Values by key path, each looked-at path remembered."""

    def __init__(self, notes):
        self.notes = notes
        self.seen = set()  # leaf paths read, and containers read whole
        self.order = []  # the paths read that the config has, in the order they were read

    def note(self, path, level, text):
        if not any(n.param == path and n.text == text for n in self.notes):
            self.notes.append(Note(path, level, text))

    def get(self, container, key, path, *, whole=False):
        """``container[key]`` (None when absent, undefined or a function, which is noted); marks it read."""
        if not isinstance(container, (dict, list)):
            return None
        if isinstance(container, dict):
            value = container.get(key)
        else:
            value = container[key] if 0 <= key < len(container) else None
        where = join(path, key)
        present = key in container if isinstance(container, dict) else value is not None
        nested = isinstance(value, dict) or isinstance(value, list) and any(isinstance(v, dict) for v in value)
        if where not in self.seen and present and not nested:  # containers of keys speak through their keys
            self.order.append(where)
        self.seen.add(where)
        if whole:
            self.seen.add(where + "/*")
        if isinstance(value, Code):
            self.note(where, NOT, f"{value.kind} ({shown(value.text, 40)}) is never run: the default is used")
            return None
        return None if value is UNDEFINED else value

    def obj(self, container, key, path):
        """A nested object, or {} (a value of another kind is a SpecError naming its path)."""
        value = self.get(container, key, path)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise SpecError(join(path, key), f"must be an object {{…}}, got {describe(value)}")
        return value

    def items(self, container, key, path):
        """A list, a single non-list value as a one-item list, or []."""
        value = self.get(container, key, path)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    def flag(self, container, key, path, default):
        value = self.get(container, key, path)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return bool(value)
        if isinstance(value, str):
            return value.strip().lower() not in ("", "false", "0")
        return default

    def number(self, container, key, path):
        """A finite number (numeric strings too, as Chart.js reads them) or None."""
        return number(self.get(container, key, path), join(path, key))

    def text(self, container, key, path):
        value = self.get(container, key, path)
        return None if value is None else as_text(value, join(path, key))

    def read_quietly(self):
        """The paths read that no note describes: drawn as given (for the validate report)."""
        noted = {n.param for n in self.notes}
        return [p for p in self.order if p not in noted]

    def leftovers(self, value, path=""):
        """(path, value) of every leaf under ``value`` never read (containers read whole are skipped)."""
        if path and path + "/*" in self.seen:
            return []
        if isinstance(value, dict):
            children = value.items()
        elif isinstance(value, list):
            children = enumerate(value)
        else:
            return [] if path in self.seen else [(path, value)]
        out = []
        for key, child in children:
            out += self.leftovers(child, join(path, key))
        if not out and not value and path and path not in self.seen:
            return [(path, value)]  # an empty {} or [] nobody asked for
        return out


def describe(value):
    """A config value in words for error messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, Code):
        return value.kind
    if value is None:
        return "null"
    return shown(value)


def number(value, path):
    """A config value -> a finite float, None for null/undefined/''; numeric strings are numbers."""
    if value is None or value is UNDEFINED:
        return None
    if isinstance(value, bool):
        raise SpecError(path, f"must be a number, got {describe(value)}")
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if not _NUMERIC.match(text):
            raise SpecError(path, f"must be a number, got {shown(value)}")
        value = float(text)
    if not isinstance(value, (int, float)):
        raise SpecError(path, f"must be a number, got {describe(value)}")
    value = float(value)
    if value != value or abs(value) > 1e15:
        raise SpecError(path, f"must be a number between -1e15 and 1e15, got {shown(value)}")
    return value


def as_text(value, path):
    """A label-like value as Chart.js shows it: numbers as JS prints them, arrays as lines joined by spaces."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return shown(value)
        return str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)
    if isinstance(value, list):
        return " ".join(as_text(v, join(path, i)) for i, v in enumerate(value) if v is not None and v is not UNDEFINED)
    if value is None or value is UNDEFINED or isinstance(value, Code):  # a function's text is never shown
        return ""
    raise SpecError(path, f"must be text, got {describe(value)}")
