"""The pictures of docs/time.md: time series drawn by dyngraph and by matplotlib's ConciseDateFormatter.

Called by ``docs/make_images.py`` (``make docs``). The data are made up but fixed (seeded), so the
pictures only change when the renderer does.
"""

import io
import math
import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

WIDTH, HEIGHT = 600, 260


def _walk(n, seed, base, wave, period, noise):
    rng = random.Random(seed)
    return [round(base + wave * math.sin(2 * math.pi * i / period) + rng.uniform(-noise, noise), 1) for i in range(n)]


def cases():
    """(name, caption, chart options, the Python datetimes of the points, zone) for each picture."""
    berlin = ZoneInfo("Europe/Berlin")
    day = datetime(2026, 3, 3, tzinfo=timezone.utc)
    dst = datetime(2026, 3, 29, tzinfo=berlin)
    out = [
        ("day", "A day of 5-minute readings", dict(start="2026-03-03T00:00Z", step="5m",
                                                    data=[_walk(288, 1, 18, 4, 288, 0.6)], title="Server room, °C"),
         [day + timedelta(minutes=5 * i) for i in range(288)], timezone.utc),
        ("week", "A week, hourly", dict(start="2026-03-02T00:00Z", step="1h", data=[_walk(168, 2, 40, 25, 24, 8)],
                                        title="Requests per second", type="area"),
         [datetime(2026, 3, 2, tzinfo=timezone.utc) + timedelta(hours=i) for i in range(168)], timezone.utc),
        ("year", "A year, daily", dict(start="2025-01-01", step="1d", data=[_walk(365, 3, 10, 8, 365, 2)],
                                       title="Daily mean temperature"),
         [datetime(2025, 1, 1, tzinfo=timezone.utc) + timedelta(days=i) for i in range(365)], timezone.utc),
        ("decade", "Ten years, monthly", dict(start="2016-01-01", step="1mo", type="bar",
                                              data=[_walk(120, 4, 50, 20, 12, 10)], title="Orders per month"),
         [datetime(2016 + i // 12, i % 12 + 1, 1, tzinfo=timezone.utc) for i in range(120)], timezone.utc),
        ("dst", "A DST day in Europe/Berlin (23 hours: 02:00 becomes 03:00)",
         dict(start="2026-03-29T00:00", step="15m", tz="Europe/Berlin", data=[_walk(92, 5, 20, 3, 46, 0.5)],
              title="Heating flow, °C (local time)"),
         [datetime.fromtimestamp(dst.timestamp() + 900 * i, berlin) for i in range(92)], berlin),
    ]
    return out


def ours(options):
    from dyngraph.encode import encode
    from dyngraph.render import render
    from dyngraph.spec import make

    options = {"type": "line", **options}
    return encode(render(make(width=WIDTH, height=HEIGHT, grid=True, **options)), "png")


def theirs(options, times, tz):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(WIDTH / 100, HEIGHT / 100), dpi=100)
    ax = fig.add_subplot()
    values = options["data"][0]
    if options.get("type") == "bar":
        ax.bar(times, values, width=25)
    elif options.get("type") == "area":
        ax.fill_between(times, values, alpha=0.3)
        ax.plot(times, values, linewidth=1.5)
    else:
        ax.plot(times, values, linewidth=1.5)
    locator = mdates.AutoDateLocator(tz=tz)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, tz=tz))
    ax.grid(True)
    ax.set_title(options["title"])
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def write(img):
    """Write docs/img/time-<name>-dyngraph.png and -matplotlib.png."""
    for name, _, options, times, tz in cases():
        (img / f"time-{name}-dyngraph.png").write_bytes(ours(options))
        (img / f"time-{name}-matplotlib.png").write_bytes(theirs(options, times, tz))
