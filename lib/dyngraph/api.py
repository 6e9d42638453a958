"""The Python API for your own CGI scripts: build a chart, get its URL or <img> tag.

    from dyngraph import chart, img_tag
    print(img_tag(chart(type="line", data=[[1, 5, 3], [2, 4, 6]], title="Sales")))

Everything returned is already HTML-escaped where it needs to be.
"""

from html import escape

from .errors import SpecError
from .spec import ChartSpec, make, to_query

__all__ = ["chart", "url", "img_tag", "ChartSpec", "SpecError"]


def chart(**options):
    """Build a validated ChartSpec from Python values (lists, numbers, None for gaps)."""
    return make(**options)


def url(spec, script="get_graph.py"):
    """The image URL for ``spec``, relative to the page unless ``script`` is absolute."""
    return f"{script}?{to_query(spec)}"


def img_tag(spec, script="get_graph.py", *, alt=None, css_class=None):
    """A complete ``<img>`` tag with src, width, height and alt, all escaped."""
    alt_text = alt if alt is not None else (spec.title or f"{spec.type} chart")
    attributes = [
        ("src", url(spec, script)),
        ("width", str(spec.width)),
        ("height", str(spec.height)),
        ("alt", alt_text),
    ]
    if css_class:
        attributes.append(("class", css_class))
    return "<img " + " ".join(f'{name}="{escape(value)}"' for name, value in attributes) + ">"
