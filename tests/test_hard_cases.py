"""Golden images of issue 11's hard cases (docs/gallery-hard.md), compared with a tolerance.

Each case is drawn again and compared with tests/golden/hard-<name>.png; an
antialiasing change moves a few edge pixels a little, a regression (a colour, a
font, a layout) moves many: the message says how many and where.
"""

import sys

import pytest
from PIL import Image, ImageChops, features

from conftest import ROOT, decode, require_or_skip
from dyngraph import fonts

sys.path.insert(0, str(ROOT / "docs"))
from hard_cases import CASES  # noqa: E402
from make_hard_images import after_png  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
MEAN_LIMIT = 1.5  # mean difference per channel, in levels
FAR = 48  # a pixel this far off in some channel counts as changed
FAR_SHARE = 0.01  # at most this share of the pixels may change that much


def why_different(image, golden):
    """'' when ``image`` matches ``golden`` within the tolerance, else what differs and where."""
    if image.size != golden.size:
        return f"size {image.size} != golden {golden.size}"
    difference = ImageChops.difference(image.convert("RGB"), golden.convert("RGB"))
    channels = difference.split()
    mean = sum(sum(i * n for i, n in enumerate(c.histogram())) for c in channels) / (3 * image.width * image.height)
    far = ImageChops.lighter(ImageChops.lighter(*channels[:2]), channels[2]).point(lambda v: 255 if v > FAR else 0)
    changed = far.histogram()[255]
    if mean > MEAN_LIMIT or changed > FAR_SHARE * image.width * image.height:
        return f"mean difference {mean:.2f} levels, {changed} pixels changed by more than {FAR}, within {far.getbbox()}"
    return ""


def test_the_tolerance_notices_a_real_change():
    golden = Image.open(GOLDEN / f"hard-{CASES[0]['name']}.png")
    assert why_different(golden, golden) == ""
    shifted = ImageChops.offset(golden.convert("RGB"), 3, 0)
    assert why_different(shifted, golden)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hard_case_matches_its_golden_image(case):
    require_or_skip(fonts.system_font() and fonts.missing("销", fonts.system_font()) == set(),
                    "the golden images are drawn in DejaVu Sans with Noto Sans CJK (fonts-dejavu-core fonts-noto-cjk)")
    if case["name"] == "emoji":
        require_or_skip(fonts.colour_face() and features.check_feature("raqm"),
                        "the emoji golden image is drawn with Noto Color Emoji (fonts-noto-color-emoji) through "
                        "Pillow's Raqm layout (libfribidi0)")
    image = decode(after_png(case))
    golden = Image.open(GOLDEN / f"hard-{case['name']}.png")
    golden.load()
    assert why_different(image, golden) == "", "regenerate with docs/make_hard_images.py --golden if intended"
