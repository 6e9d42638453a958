"""Stand-in for dyngraph.timeparse until the time-axes work lands (same API, fewer forms)."""

import re

from ..errors import SpecError, shown

_RELATIVE = re.compile(r"-(\d{1,6})(s|min|h|d|w|mo|y)\Z", re.ASCII)
_SECONDS = {"s": 1, "min": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "mo": 30 * 86400, "y": 365 * 86400}
_UNIX = re.compile(r"-?\d{1,11}(\.\d{1,9})?\Z", re.ASCII)


def zone(name, param="tz"):
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SpecError(param, f"must be a time zone name like Europe/Paris or UTC, got {shown(name)}") from None


def instant(text, param, tz):
    if _UNIX.match(text):
        return float(text)
    from datetime import datetime, timezone

    try:
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        raise SpecError(param, f"must be an ISO 8601 date or time, or Unix seconds, got {shown(text)}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz or timezone.utc)
    return moment.timestamp()


def bound(text, param, now, tz):
    if text == "now":
        return float(now)
    match = _RELATIVE.match(text)
    if match:
        return float(now) - int(match.group(1)) * _SECONDS[match.group(2)]
    return instant(text, param, tz)
