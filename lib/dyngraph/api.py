"""The Python API for your own CGI scripts: build a chart, get its URL or <img> tag.

    from dyngraph import chart, img_tag
    print(img_tag(chart(type="line", data=[[1, 5, 3], [2, 4, 6]], title="Sales")))

Four ways to get the chart from your page to the image (docs/transport.md):
``url`` (the chart in the query string, compact for long series),
``store_url`` (a short ``graphId``), ``data_uri`` (inline in the page) and
``export`` (a file written ahead of time). URLs are signed automatically
when a secret is configured. Everything returned is already HTML-escaped
where it needs to be.
"""

from html import escape

from .errors import SpecError
from .spec import ChartSpec, make, to_query

__all__ = ["chart", "url", "srcset", "store_url", "data_uri", "img_tag", "figure", "export", "ChartSpec",
           "SpecError"]

DATA_URI_MAX = 32 * 1024  # characters of data: URI; above this img_tag falls back to a URL
RESPONSIVE_STYLE = "max-width:100%;height:auto"  # shrinks with its box; width/height keep the aspect ratio
MAX_TABLE_ROWS = 500  # rows of a figure's data table; longer data is for format=csv
OUTPUTS = ("url", "graphid", "data")


def chart(**options):
    """Build a validated ChartSpec from Python values (lists, numbers, None for gaps)."""
    return make(**options)


def url(spec, script=None, *, settings=None):
    """The image URL for ``spec`` (signed when a secret is set), relative unless ``script`` is absolute."""
    from .signing import sign

    settings = _settings(settings)
    return f"{_script(script, settings)}?{sign(to_query(spec), settings)}"


def store_url(spec, script=None, *, settings=None, store=None):
    """Store ``spec`` and return its short URL ``get_graph.py?graphId=…`` (signed when a secret is set)."""
    from .signing import sign
    from .store import open_store

    settings = _settings(settings)
    key = (store or open_store(settings)).put(to_query(spec))
    return f"{_script(script, settings)}?{sign(f'graphId={key}', settings)}"


def data_uri(spec, *, max_bytes=DATA_URI_MAX, settings=None):
    """``data:image/…;base64,…`` for ``spec``, or None when longer than ``max_bytes`` (None: no cap)."""
    import binascii

    from .draw import draw_chart

    body = draw_chart(spec, _settings(settings))
    uri = f"data:{spec.mime_type};base64,{binascii.b2a_base64(body, newline=False).decode('ascii')}"
    return uri if max_bytes is None or len(uri) <= max_bytes else None


def img_tag(spec, script=None, *, alt=None, css_class=None, output="url", settings=None, max_bytes=DATA_URI_MAX,
            map=False, map_href=None, responsive=False):
    """A complete ``<img>`` tag with src, srcset, width, height and alt, all escaped.

    ``output`` chooses how the chart travels: ``"url"`` (query string),
    ``"graphid"`` (stored, short URL) or ``"data"`` (inline; a URL when the
    data: URI would be longer than ``max_bytes``). URLs come with a ``srcset``
    whose 2x candidate is the same chart at ``scale=2`` (its own signed URL),
    so HiDPI screens get sharp pixels; the tag keeps the 1x width and height.

    ``map=True`` adds a ``<map>`` with one ``<area>`` per bar, slice or point (``title`` and ``alt``:
    its label and value), from the chart's layout: tooltips without JavaScript; ``map_href(series,
    index)`` makes each area a link. (The layout is computed by drawing the chart once, here.)
    ``responsive=True`` lets the image shrink with its box (``max-width:100%;height:auto``; the
    width and height stay, so the page does not jump while it loads).
    """
    settings = _settings(settings)
    if output == "url":
        src = url(spec, script, settings=settings)
        double = _doubled(spec, settings)
        candidates = double and _candidates(src, url(double, script, settings=settings))
    elif output == "graphid":
        src = store_url(spec, script, settings=settings)
        double = _doubled(spec, settings)
        candidates = double and _candidates(src, store_url(double, script, settings=settings))
    elif output == "data":
        src = data_uri(spec, max_bytes=max_bytes, settings=settings)
        candidates = None  # inline: a second copy at 2x would double the page
        if src is None:
            return img_tag(spec, script, alt=alt, css_class=css_class, settings=settings, map=map, map_href=map_href,
                           responsive=responsive)
    else:
        raise SpecError("output", f"must be one of {', '.join(OUTPUTS)}, got {output!r}")
    style = RESPONSIVE_STYLE if responsive else None
    if not map:
        return _tag(spec, src, alt, css_class, srcset=candidates, style=style)
    name, areas = _image_map(spec, settings, map_href)
    return _tag(spec, src, alt, css_class, srcset=candidates, usemap="#" + name, style=style) + areas


def _image_map(spec, settings, href):
    """(name, ``<map>`` HTML) for ``spec``, from its layout at 1x (the <img> is shown at its 1x size)."""
    import zlib

    from . import imagemap
    from .record import replace
    from .render import layout

    drawn = layout(replace(spec, scale=1), font_path=settings.font_path, max_work=settings.limits.max_work)
    name = f"dyngraph-{zlib.crc32(to_query(spec).encode('utf-8')):08x}"
    return name, imagemap.html(name, spec, drawn, href=href)


def srcset(spec, script=None, *, settings=None):
    """The ``srcset`` value for ``spec`` (``<url> 1x, <url>&scale=2 2x``), or None when 2x is over the limits."""
    settings = _settings(settings)
    double = _doubled(spec, settings)
    return double and _candidates(url(spec, script, settings=settings), url(double, script, settings=settings))


def _candidates(one, two):
    """``<one> 1x, <two> 2x``; a URL's trailing commas (a gap at the end of data) percent-encoded,
    since srcset parsing would strip them."""
    def safe(link):
        bare = link.rstrip(",")
        return bare + "%2C" * (len(link) - len(bare))

    return f"{safe(one)} 1x, {safe(two)} 2x"


def _doubled(spec, settings):
    """The chart at scale 2, or None: already scaled, or beyond the limits at 2x."""
    from .record import replace
    from .spec import check_scaled

    if spec.scale != 1:
        return None
    double = replace(spec, scale=2)
    try:
        check_scaled(double, settings.limits)
    except SpecError:
        return None
    return double


def figure(spec, script=None, *, caption=None, alt=None, output="url", settings=None, max_rows=MAX_TABLE_ROWS,
           **img_options):
    """A ``<figure>``: a caption with the generated description, the ``<img>``, and the
    data as a captioned ``<table>`` inside ``<details>``, so a reader without sight gets the trend,
    the extremes and the numbers themselves (W3C WAI's complex images). Everything escaped.

    ``caption`` goes before the description; ``alt`` defaults to the chart's kind and title, since the
    figcaption already says the rest; ``max_rows`` caps the table (the CSV has everything).
    No ``role="group"``: HTML (and the W3C Nu checker) forbids a role on a figure with a figcaption,
    whose implicit role, figure, already groups its content under the caption's name.
    """
    from . import describe
    from .datatable import table

    description = describe.short(spec)
    label = alt if alt is not None else describe.heading(spec)
    tag = img_tag(spec, script, alt=label, output=output, settings=settings, **img_options)
    header, rows = table(spec)
    shown = rows[:max_rows]
    head = "".join(f'<th scope="col">{escape(name)}</th>' for name in header)
    body = "".join(f'<tr><th scope="row">{escape(row[0])}</th>'
                   + "".join(f"<td>{escape(cell) if cell else 'missing'}</td>" for cell in row[1:]) + "</tr>"
                   for row in shown)
    if len(rows) > len(shown):
        body += f'<tr><td colspan="{len(header)}">{len(rows) - len(shown)} more rows not shown</td></tr>'
    title = spec.title or describe.KINDS.get(spec.type, "Chart")
    captioned = f"<strong>{escape(caption)}</strong> " if caption else ""
    return (
        f'<figure class="dyngraph"><figcaption>{captioned}{escape(description)}</figcaption>{tag}'
        f"<details><summary>Data table</summary><table><caption>{escape(title)}: the data</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details></figure>"
    )


def export(spec, directory, *, url_prefix="", alt=None, css_class=None, settings=None, hidpi=True):
    """Write the chart into ``directory`` under a content-hash name; return its ``<img>`` tag.

    With ``hidpi`` (and within the limits) the chart at ``scale=2`` is written too, as the tag's
    ``srcset`` 2x candidate; text formats (json, txt, csv) are written once.
    """
    from .export import write
    from .textformats import TEXT_FORMATS

    settings = _settings(settings)
    name = write(spec, directory, settings=settings)
    double = _doubled(spec, settings) if hidpi and spec.format not in TEXT_FORMATS + ("json",) else None
    candidates = None
    if double is not None:
        candidates = _candidates(url_prefix + name, url_prefix + write(double, directory, settings=settings))
    return _tag(spec, url_prefix + name, alt, css_class, srcset=candidates)


def _tag(spec, src, alt, css_class, *, srcset=None, usemap=None, style=None):
    from .describe import short

    alt_text = alt if alt is not None else short(spec)  # the trend and extremes in words, not just the title
    attributes = [("src", src)] + ([("srcset", srcset)] if srcset else []) + [
        ("width", str(spec.width)),
        ("height", str(spec.height)),
        ("alt", alt_text),
    ]
    if css_class:
        attributes.append(("class", css_class))
    if usemap:
        attributes.append(("usemap", usemap))
    if style:
        attributes.append(("style", style))
    return "<img " + " ".join(f'{name}="{escape(value)}"' for name, value in attributes) + ">"


def _settings(settings):
    """The given settings, or the environment's (DYNGRAPH_SECRET, DYNGRAPH_DATA_DIR, …) as Apache sets them."""
    if settings is not None:
        return settings
    import os

    from .settings import from_environ

    return from_environ(os.environ)


def _script(script, settings):
    return settings.graph_script if script is None else script
