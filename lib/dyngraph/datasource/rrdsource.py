"""RRD sources (collectd, munin): read with ``rrdtool fetch``.

Through the rrdtool Python binding when it is importable, else the
``rrdtool`` command run with a fixed argument list and no shell: the path and
the consolidation function come from the sources file, the times are integers
computed here, so nothing from the URL reaches the command line. RRD already
keeps consolidated archives; asking for one pixel column's resolution lets
rrdtool pick the archive that fits the window.
"""

import math

from ..errors import SpecError
from .result import Data

COMMANDS = ("/usr/bin/rrdtool", "/usr/local/bin/rrdtool", "/opt/local/bin/rrdtool")
TIMEOUT = 10
LOCK_TRIES = 6


class RRDError(RuntimeError):
    """rrdtool could not read the file; the message is rrdtool's own (for the error log)."""


ERRORS = (OSError, LookupError, RRDError)  # the file cannot be read as this source: a 503


def columns(source, zone):
    """The data sources (DS) of the file, or the declared subset (each checked)."""
    names = _names(source)
    missing = [c for c in source.columns if c not in names]
    if missing:
        raise LookupError(f"data source {missing[0]!r} is not in the RRD file")
    return list(source.columns) or names


def _names(source):
    import time

    now = int(time.time())
    return fetch(source.path, source.cf, now - 600, now, 1)[1]


def latest(source, zone):
    """The time of the newest step with any known value over the past two days."""
    import time

    now = int(time.time())
    times, _, rows = fetch(source.path, source.cf, now - 2 * 86400, now, 1)
    known = [t for t, row in zip(times, rows) if not all(_unknown(v) for v in row)]
    return known[-1] if known else None


def read(source, names, window, limits, zone):
    """The rows of ``window`` as Data; unknown values (NaN) are gaps."""
    step_wanted = max(1, int(window.quantum))
    # rrdtool's rows are stamped at the end of their step: start one step early to get the row at start
    start = int(math.floor(window.start / step_wanted) * step_wanted) - step_wanted
    end = int(math.ceil(window.end / step_wanted) * step_wanted)
    times, all_names, rows = fetch(source.path, source.cf, start, end, step_wanted)
    missing = [n for n in names if n not in all_names]
    if missing:
        raise LookupError(f"data source {missing[0]!r} is not in the RRD file")
    if len(rows) > limits.max_source_rows:
        raise SpecError("from", f"the window holds more than {limits.max_source_rows} rows; choose a shorter one")
    positions = [all_names.index(n) for n in names]
    series = [[None if _unknown(row[p]) else row[p] for row in rows] for p in positions]
    keep = [i for i, t in enumerate(times) if window.start <= t <= window.end]
    # Steps before the first and after the last known value say nothing (the future, or before the file).
    known = [i for i in keep if any(s[i] is not None for s in series)]
    keep = [i for i in keep if known and known[0] <= i <= known[-1]]
    return Data([times[i] for i in keep], list(names), [[s[i] for i in keep] for s in series], 0)


def _unknown(value):
    return value is None or value != value or math.isinf(value)


def fetch(path, cf, start, end, resolution):
    """(times, DS names, rows of floats) for [start, end], each row at the end of its step.

    rrdtool locks the file while it updates it, and a fetch meeting that lock
    fails ("could not lock RRD"): such a fetch is tried again a few times.
    """
    import time

    for attempt in range(1, LOCK_TRIES + 1):
        try:
            return _fetch(path, cf, start, end, resolution)
        except RRDError as error:
            if "lock" not in str(error) or attempt == LOCK_TRIES:
                raise
            time.sleep(0.01 * attempt)


def _fetch(path, cf, start, end, resolution):
    try:
        import rrdtool
    except ImportError:
        return _fetch_command(path, cf, start, end, resolution)
    try:
        (first, _, step), names, rows = rrdtool.fetch(path, cf, "--start", str(start), "--end", str(end),
                                                       "--resolution", str(resolution))
    except rrdtool.OperationalError as error:
        raise RRDError(str(error)) from None
    times = [first + (i + 1) * step for i in range(len(rows))]
    return times, list(names), [tuple(math.nan if v is None else float(v) for v in row) for row in rows]


def _fetch_command(path, cf, start, end, resolution):
    """The same through the ``rrdtool`` command: fixed arguments, no shell, C locale."""
    import subprocess

    command = _command()
    arguments = [command, "fetch", path, cf, "--start", str(start), "--end", str(end),
                 "--resolution", str(resolution)]
    try:
        done = subprocess.run(arguments, capture_output=True, timeout=TIMEOUT, check=False, shell=False,
                              env={"LC_ALL": "C", "TZ": "UTC", "PATH": "/usr/bin:/bin"})
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RRDError(f"{command}: {error}") from None
    if done.returncode != 0:
        raise RRDError(done.stderr.decode("utf-8", "replace").strip() or f"rrdtool exited {done.returncode}")
    return _parse_fetch(done.stdout.decode("ascii", "replace"))


def _parse_fetch(text):
    """``rrdtool fetch`` output: a line of DS names, a blank line, then ``time: v1 v2 ...``."""
    lines = text.splitlines()
    if not lines:
        raise RRDError("rrdtool fetch printed nothing")
    names = lines[0].split()
    times, rows = [], []
    for line in lines[1:]:
        stamp, colon, values = line.partition(":")
        if not colon:
            continue
        cells = values.split()
        if len(cells) != len(names):
            raise RRDError(f"rrdtool fetch printed an unexpected line: {line[:80]!r}")
        times.append(int(stamp))
        rows.append(tuple(float(c) if c.lower().lstrip("-+") not in ("nan", "inf") else math.nan for c in cells))
    return times, names, rows


def _command():
    import os
    import shutil

    for command in COMMANDS:
        if os.access(command, os.X_OK):
            return command
    found = shutil.which("rrdtool")
    if found is None:
        raise RRDError("the rrdtool command is not installed (apt-get install rrdtool)")
    return found
