"""Where a CGI process may write: the data directory, else a private per-user temporary directory.

Used by the render cache and, before anything else is imported, by the CGI
scripts' bytecode fallback (:func:`use_writable_bytecode`), so this module
imports only ``os`` and ``sys``. Under Apache the scripts run as the web user,
who often cannot write beside the code: ``var/`` and ``lib/dyngraph/__pycache__``
may both be read-only.
"""

import os
import sys

_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def bundle_data_dir():
    """``var/`` beside ``lib/`` when running from the unpacked bundle (with ``cgi-bin/`` or, as a
    Passenger app root, ``passenger_wsgi.py``), else ''."""
    lib = os.path.dirname(_PACKAGE)
    root = os.path.dirname(lib)
    if os.path.basename(lib) == "lib" and (os.path.isdir(os.path.join(root, "cgi-bin"))
                                           or os.path.isfile(os.path.join(root, "passenger_wsgi.py"))):
        return os.path.join(root, "var")
    return ""


def can_write(directory):
    """True when ``directory`` is writable, or does not exist yet and its nearest existing parent is."""
    while not os.path.isdir(directory):
        parent = os.path.dirname(directory)
        if parent == directory:
            return False
        directory = parent
    return os.access(directory, os.W_OK | os.X_OK)


def private_temp_dir(name):
    """``$TMPDIR/dyngraph-<uid>/<name>``, created 0700; '' unless that directory is ours alone.

    Anyone can create names in /tmp, so a directory found there is used only
    if it is a real directory (not a symlink) owned by this user and closed to
    everyone else: what is read back from it (bytecode, cached images) must be
    what this user wrote.
    """
    if not hasattr(os, "getuid"):
        return ""
    base = os.path.join(os.environ.get("TMPDIR") or "/tmp", f"dyngraph-{os.getuid()}")
    try:
        os.mkdir(base, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return ""
    try:
        info = os.lstat(base)
    except OSError:
        return ""
    import stat

    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return ""
    return os.path.join(base, name)


def writable_home(data_dir, name):
    """``<data dir>/<name>`` when the configured (or bundle's) data directory is writable, else a private temp dir.

    A configured data directory is used even when it is not writable: the
    admin asked for it, and the faults are reported where they happen.
    """
    if data_dir:
        return os.path.join(data_dir, name)
    bundle = bundle_data_dir()
    if bundle and can_write(bundle):
        return os.path.join(bundle, name)
    return private_temp_dir(name)


def use_writable_bytecode(environ):
    """Set ``sys.pycache_prefix`` when ``lib/dyngraph/__pycache__`` cannot be written and holds no bytecode.

    Without it, a CGI user who cannot write beside the code recompiles every
    module on every request (~35 ms of a ~50 ms chart). Called by the CGI
    scripts before they import the application; returns the prefix or ''.
    """
    cache = os.path.join(_PACKAGE, "__pycache__")
    compiled = os.path.join(cache, f"__init__.{sys.implementation.cache_tag}.pyc")
    if can_write(cache) or os.path.exists(compiled) or sys.pycache_prefix or sys.dont_write_bytecode:
        return ""
    prefix = writable_home(environ.get("DYNGRAPH_DATA_DIR", ""), "pycache")
    if prefix and can_write(prefix):
        sys.pycache_prefix = prefix
        return prefix
    return ""
