"""SQLite sources: a table read through its time index, or the admin's fixed query.

The database is opened read-only (``mode=ro``, ``query_only``). Table and
column names come from the sources file and are checked against the schema
before they are quoted into SQL; the window's bounds are always bound
parameters. A text time column must hold ISO 8601 in one fixed format (as
``datetime('now')`` writes), so that text order is time order.
"""

from ..errors import SpecError
from .cells import BAD, number, time_reader
from .result import SAMPLE, Data

NUMERIC_AFFINITY = ("INT", "REAL", "FLOA", "DOUB", "NUM", "DEC")
BATCH = 4096


def _errors():
    import sqlite3

    return (OSError, LookupError, sqlite3.Error)


ERRORS = _errors()  # the database cannot be read as this source: a 503


def connect(path):
    """A read-only connection; SQLite's own errors propagate (the caller maps them to a 503)."""
    import sqlite3

    escaped = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    connection = sqlite3.connect(f"file:{escaped}?mode=ro", uri=True, timeout=2)
    try:
        connection.execute("PRAGMA query_only = 1")
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def quoted(name):
    """An identifier already checked against the schema, quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def schema(connection, table):
    """{column: declared type} of ``table``; LookupError if there is no such table or view."""
    found = connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                               (table,)).fetchone()
    if found is None:
        raise LookupError(f"table {table!r} is not in the database")
    return {row[1]: (row[2] or "").upper() for row in connection.execute(f"PRAGMA table_info({quoted(table)})")}


def columns(source, zone):
    """The series names: declared, every numeric column, or the fixed query's columns after the first."""
    connection = connect(source.path)
    try:
        return _columns(connection, source)
    finally:
        connection.close()


def _columns(connection, source):
    if source.query:
        cursor = connection.execute(source.query, {"from": 1.0, "until": 0.0})
        names = [d[0] for d in cursor.description[1:]]
        cursor.close()
        return names
    types = schema(connection, source.table)
    if source.time not in types:
        raise LookupError(f"time column {source.time!r} is not in table {source.table!r}")
    missing = [c for c in source.columns if c not in types]
    if missing:
        raise LookupError(f"column {missing[0]!r} is not in table {source.table!r}")
    if source.columns:
        return list(source.columns)
    return [name for name, kind in types.items() if name != source.time and kind.startswith(NUMERIC_AFFINITY)]


def has_time_index(connection, source):
    """True when an index (or the integer primary key) starts with the time column."""
    info = list(connection.execute(f"PRAGMA table_info({quoted(source.table)})"))
    keys = [row for row in info if row[5]]
    if len(keys) == 1 and keys[0][1] == source.time and (keys[0][2] or "").upper() == "INTEGER":
        return True
    for index in connection.execute(f"PRAGMA index_list({quoted(source.table)})"):
        first = connection.execute(f"PRAGMA index_info({quoted(index[1])})").fetchone()
        if first is not None and first[2] == source.time:
            return True
    return False


def latest(source, zone):
    """The time of the newest row (the fixed query: of its last row over the past week)."""
    connection = connect(source.path)
    try:
        if source.query:
            import time

            now = time.time()
            rows = connection.execute(source.query, {"from": now - 7 * 86400, "until": now + 86400}).fetchall()
            value = rows[-1][0] if rows else None
        else:
            _columns(connection, source)
            value = connection.execute(f"SELECT max({quoted(source.time)}) FROM {quoted(source.table)}").fetchone()[0]
    finally:
        connection.close()
    return None if value is None else time_reader(zone)(value)


def read(source, names, window, limits, zone):
    """The rows of ``window`` with the ``names`` columns, as Data.

    A table window holding more rows than one request may read is sampled:
    the first rows of each pixel column's slice, each found through the index.
    """
    read_time = time_reader(zone)
    budget = limits.max_source_rows
    sampled = 0
    connection = connect(source.path)
    try:
        available = _columns(connection, source)
        if source.query:
            batches = _batches(connection.execute(source.query, {"from": window.start, "until": window.end}))
            positions = [available.index(name) + 1 for name in names]
        else:
            start, end = _bounds(connection, source, [window.start, window.end], zone)
            selected = ", ".join(quoted(c) for c in (source.time, *names))
            time, table = quoted(source.time), quoted(source.table)
            where = f"FROM {table} WHERE {time} >= ? AND {time} <= ?"
            held = connection.execute(f"SELECT count(*) {where}", (start, end)).fetchone()[0]
            if held > budget:
                sampled = held
                slices = [window.start + c * (window.end - window.start) / window.columns
                          for c in range(window.columns)]
                statement = f"SELECT {selected} {where} ORDER BY {time} LIMIT {SAMPLE}"
                batches = (connection.execute(statement, (low, end)).fetchall()
                           for low in _bounds(connection, source, slices, zone))
            else:
                batches = _batches(connection.execute(f"SELECT {selected} {where} ORDER BY {time}", (start, end)))
            positions = list(range(1, len(names) + 1))
        times, series = [], [[] for _ in names]
        skipped, previous = 0, float("-inf")
        for rows in batches:
            for row in rows:
                t = read_time(row[0])
                if sampled and t is not None and t <= previous:
                    continue  # a sparse slice's rows read again from the next slice
                cells = [BAD] if t is None or t < previous else [number(row[p]) for p in positions]
                if BAD in cells:
                    skipped += 1
                    continue
                if len(times) >= budget:
                    raise SpecError("from", f"the window holds more than {budget} rows; choose a shorter one")
                previous = t
                times.append(t)
                for values, value in zip(series, cells):
                    values.append(value)
    finally:
        connection.close()
    return Data(times, list(names), series, skipped, sampled)


def _batches(cursor):
    while True:
        rows = cursor.fetchmany(BATCH)
        if not rows:
            return
        yield rows


def _bounds(connection, source, instants, zone):
    """Instants in the time column's own form: numbers, or ISO text like the stored one."""
    sample = connection.execute(f"SELECT {quoted(source.time)} FROM {quoted(source.table)} "
                                f"WHERE {quoted(source.time)} IS NOT NULL LIMIT 1").fetchone()
    if sample is None or not isinstance(sample[0], str):
        return list(instants)
    from datetime import datetime, timezone

    text = sample[0]
    separator = "T" if len(text) > 10 and text[10] == "T" else " "
    tz = zone or timezone.utc
    return [datetime.fromtimestamp(t, tz).strftime(f"%Y-%m-%d{separator}%H:%M:%S") for t in instants]
