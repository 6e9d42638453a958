"""Regenerate the pictures of docs/accessibility.md (``make docs``): the same chart at scale 1 and 2.

    .venv/bin/python docs/make_hidpi_images.py
"""

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "lib"))

from dyngraph.encode import encode  # noqa: E402
from dyngraph.render import render  # noqa: E402
from dyngraph.spec import make  # noqa: E402

SPEC = dict(type="line", data=[[12, 15, 14, 18, 22, 27], [8, 9, 11, 10, 13, 15]],
            labels=["Jan", "Feb", "Mar", "Apr", "May", "Jun"], legend=["Visits (k)", "Sign-ups (k)"],
            title="Traffic", width=240, height=140, format="png")
CROP = (30, 0, 190, 90)  # the title, the legend and the start of the lines, 1x pixels


def side_by_side():
    """Left: the 1x image enlarged 2x (as a 2x screen shows it); right: the scale=2 image. Same region."""
    from PIL import Image

    one = render(make(**SPEC)).convert("RGB").crop(CROP)
    enlarged = one.resize((one.width * 2, one.height * 2), Image.Resampling.BICUBIC)
    two = render(make(scale=2, **SPEC)).convert("RGB").crop(tuple(2 * v for v in CROP))
    out = Image.new("RGB", (enlarged.width * 2 + 12, enlarged.height), "white")
    out.paste(enlarged, (0, 0))
    out.paste(two, (enlarged.width + 12, 0))
    return out


def main():
    (DOCS / "img" / "hidpi-1x-2x.png").write_bytes(encode(side_by_side(), "png"))
    print("wrote docs/img/hidpi-1x-2x.png")


if __name__ == "__main__":
    main()
