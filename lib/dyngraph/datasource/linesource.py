"""CSV and JSON-lines sources: one row per line, sorted by time, appended to by a logger.

The two formats differ only in how a line becomes a row and how a row gives
a cell; finding the window, skipping bad rows and counting them is shared.
"""

from math import inf, nextafter

from ..errors import SpecError
from .cells import BAD, number, time_reader
from .lines import LineFile
from .result import SAMPLE, Data

ERRORS = (OSError, LookupError)  # the file cannot be read as this source: a 503


class CSVFormat:
    """Comma-separated cells; a header line names them (needed when ``time`` is a name)."""

    @staticmethod
    def parse(line):
        line = line.rstrip(b"\r")
        if b'"' not in line:
            return line.split(b",")
        import csv

        try:
            return [cell.encode("utf-8") for cell in next(csv.reader([line.decode("utf-8")]))]
        except (csv.Error, UnicodeDecodeError, StopIteration):
            return None

    @staticmethod
    def get(row, key):
        return row[key] if key < len(row) else None

    @classmethod
    def layout(cls, source, f, zone):
        """(data start offset, time key, {name: key} of every column, names of the numeric ones)."""
        first = f.readline()
        if not first.endswith(b"\n"):  # a new, empty log (or its first line still being written): no rows yet
            keys = {name: i for i, name in enumerate(source.columns)}
            return len(first), -1, keys, []
        cells = cls.parse(first.rstrip(b"\n")) or []
        header = None
        if source.time.isdigit():
            time_key = int(source.time)
            if time_key >= len(cells) or time_reader(zone)(cells[time_key]) is None:
                header = cells  # the first line is not a row: a header
        else:
            header = cells
        if header is not None:
            names = [_name(c) for c in header]
            if not source.time.isdigit():
                if source.time not in names:
                    raise LookupError(f"time column {source.time!r} is not in the header")
                time_key = names.index(source.time)
            data_start = len(first)
            f.seek(data_start)
            sample = cls.parse(f.readline().rstrip(b"\n"))
        else:
            names = [str(i) for i in range(len(cells))]
            data_start = 0
            sample = cells
        keys = {name: i for i, name in enumerate(names) if i != time_key}
        for i in range(len(names)):
            keys.setdefault(str(i), i)  # a column may also be named by its index
        keys.pop(str(time_key), None)
        numeric = [n for i, n in enumerate(names) if i != time_key and sample and i < len(sample)
                   and isinstance(number(sample[i]), float)]
        if header is not None and not sample:
            numeric = [n for i, n in enumerate(names) if i != time_key]
        return data_start, time_key, keys, numeric


class JSONLinesFormat:
    """One JSON object per line; ``time`` and the columns are its keys."""

    @staticmethod
    def parse(line):
        import json

        try:
            row = json.loads(line)
        except ValueError:
            return None
        return row if isinstance(row, dict) else None

    @staticmethod
    def get(row, key):
        return row.get(key)

    @classmethod
    def layout(cls, source, f, zone):
        sample = None
        for _ in range(10):  # the first object that reads, for the default columns
            line = f.readline()
            if not line:
                break
            sample = cls.parse(line)
            if sample is not None:
                break
        keys = {}
        numeric = []
        for key, value in (sample or {}).items():
            if key != source.time:
                keys[key] = key
                if isinstance(number(value), float):
                    numeric.append(key)
        for name in source.columns:
            keys.setdefault(name, name)  # declared keys may be missing from the first row
        return 0, source.time, keys, numeric


FORMATS = {"csv": CSVFormat, "jsonl": JSONLinesFormat}


def columns(source, zone):
    """The source's series names, as declared or (default) every numeric column."""
    fmt = FORMATS[source.type]
    with open(source.path, "rb") as f:
        _, _, keys, numeric = fmt.layout(source, f, zone)
    return _declared(source, keys, numeric)


def latest(source, zone):
    """The time of the newest complete row that reads (None if none in the last 64 KiB)."""
    fmt = FORMATS[source.type]
    read_time = time_reader(zone)
    with open(source.path, "rb") as f:
        data_start, time_key, _, _ = fmt.layout(source, f, zone)
        lines = LineFile(f, lambda line: None, data_start)
        tail = list(lines.lines(max(data_start, lines.end - 65536), lines.end))
    for line in reversed(tail[1:] if lines.end - 65536 > data_start else tail):
        row = fmt.parse(line) if line.strip() else None
        t = None if row is None else read_time(fmt.get(row, time_key))
        if t is not None:
            return t
    return None


def read(source, names, window, limits, zone):
    """The rows of ``window`` (start <= t <= end) with the ``names`` columns, as Data."""
    fmt = FORMATS[source.type]
    parse, get = fmt.parse, fmt.get
    read_time = time_reader(zone)
    with open(source.path, "rb") as f:
        data_start, time_key, keys, numeric = fmt.layout(source, f, zone)
        _declared(source, keys, numeric)
        wanted = [keys[name] for name in names]

        def time_of(line):
            row = parse(line)
            return None if row is None else read_time(get(row, time_key))

        lines = LineFile(f, time_of, data_start)
        begin = lines.find(window.start)
        stop = lines.find(nextafter(window.end, inf))
        times, series = [], [[] for _ in wanted]
        skipped, previous, budget = 0, -inf, limits.max_source_rows
        held = lines.estimate(begin, stop)
        sampled = round(held) if held > budget else 0
        chosen = (lines.sample(begin, stop, window.start, window.end, window.columns, SAMPLE) if sampled
                  else lines.lines(begin, stop))
        for line in chosen:
            if not line.strip():
                continue
            row = parse(line)
            t = None if row is None else read_time(get(row, time_key))
            cells = [BAD] if t is None or t < previous else [number(get(row, key)) for key in wanted]
            if BAD in cells:
                skipped += 1
                continue
            if len(times) >= budget:  # the estimate was short: line lengths vary widely
                raise SpecError("from", f"the window holds more than {budget} rows; choose a shorter one")
            previous = t
            times.append(t)
            for values, value in zip(series, cells):
                values.append(value)
    return Data(times, list(names), series, skipped, sampled)


def _declared(source, keys, numeric):
    """The declared columns (each checked to exist), else the numeric ones."""
    if not source.columns:
        return numeric
    missing = [name for name in source.columns if name not in keys]
    if missing:
        raise LookupError(f"column {missing[0]!r} is not in the file")
    return list(source.columns)


def _name(cell):
    return cell.decode("utf-8", "replace").strip().lstrip("\ufeff")
