"""Charts written ahead of time as files, e.g. by a cron job, under the web root.

File names are ``dg-<22 base64url chars of the image's SHA-256>.<ext>``:
never chosen by a user, the same chart always lands in the same file, and
cleanup removes only files with that pattern.
"""

import os
import re
import time

from .errors import SpecError

EXTENSIONS = {"jpeg": ".jpg", "png": ".png", "gif": ".gif", "webp": ".webp", "json": ".json"}
NAME = re.compile(r"dg-[A-Za-z0-9_-]{22}\.(?:jpg|png|gif|webp|json)\Z", re.ASCII)
_AGE = re.compile(r"(\d{1,9})([smhdw]?)\Z", re.ASCII)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800}


def file_name(body, fmt):
    """The content-hash file name for encoded image bytes."""
    import binascii
    import hashlib

    digest = hashlib.sha256(body).digest()
    text = binascii.b2a_base64(digest, newline=False).translate(bytes.maketrans(b"+/", b"-_"))
    return f"dg-{text[:22].decode('ascii')}{EXTENSIONS[fmt]}"


def write(spec, directory, *, settings):
    """Draw ``spec`` into ``directory`` (created if missing); return the file name.

    An existing file of the same name has the same content: only its
    modification time is refreshed, so cleanup keeps charts still exported.
    """
    import tempfile

    from .draw import draw_chart

    body = draw_chart(spec, settings)
    name = file_name(body, spec.format)
    path = os.path.join(directory, name)
    os.makedirs(directory, exist_ok=True)
    if os.path.exists(path):
        os.utime(path)
        return name
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".dg-tmp-")
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(body)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)  # atomic: a reader never sees half a file
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return name


def parse_age(text):
    """'90', '30m', '12h', '7d', '2w' -> seconds."""
    match = _AGE.match(text)
    if not match:
        raise SpecError("older-than", f"must be a number with an optional unit s, m, h, d or w, got {text!r}")
    return int(match.group(1)) * _UNITS[match.group(2)]


def cleanup(directory, older_than, *, now=None):
    """Remove our exported files (and only ours) not written or refreshed for ``older_than`` seconds."""
    cutoff = (time.time() if now is None else now) - older_than
    removed = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if NAME.match(entry.name) and entry.is_file(follow_symlinks=False) \
                    and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(entry.name)
    return sorted(removed)
