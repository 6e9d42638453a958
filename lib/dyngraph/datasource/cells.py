"""One cell of a data file -> a time or a number, or None when it is not one.

Rows are many, so these are the hot loop: a Unix-seconds float first, ISO
8601 through ``datetime.fromisoformat`` (a naive time is in the source's
zone). The URL's own times go through dyngraph.timeparse instead.
"""

from math import isfinite

MAX_MAGNITUDE = 1e15
BAD = object()  # a cell that is present but not a number: its row is skipped and counted


def time_reader(zone):
    """A function: cell text (str or bytes) -> Unix seconds, or None."""
    from datetime import datetime, timezone

    fromiso = datetime.fromisoformat
    zone = zone or timezone.utc

    def read(cell):
        try:
            value = float(cell)
        except (ValueError, TypeError):
            pass
        else:
            return value if isfinite(value) and abs(value) < 1e11 else None
        if isinstance(cell, bytes):
            try:
                cell = cell.decode("ascii")
            except UnicodeDecodeError:
                return None
        if not isinstance(cell, str) or not 10 <= len(cell) <= 40:
            return None
        cell = cell.strip()
        if cell.endswith(("Z", "z")):
            cell = cell[:-1] + "+00:00"  # Python 3.10's fromisoformat does not take Z
        try:
            moment = fromiso(cell)
        except ValueError:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        return moment.timestamp()

    return read


def number(cell):
    """A value cell: a finite number, None for an empty cell (a gap), else BAD."""
    if cell is None or cell == b"" or cell == "":
        return None
    if isinstance(cell, bool):
        return BAD
    try:
        value = float(cell)
    except (ValueError, TypeError):
        return BAD
    return value if isfinite(value) and abs(value) <= MAX_MAGNITUDE else BAD
