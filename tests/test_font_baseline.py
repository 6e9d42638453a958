"""Text drawn from two faces (a CJK fallback beside the chart's own face) rests on one baseline."""

import pytest

from dyngraph import fonts
from dyngraph.render import layout, render
from dyngraph.spec import make

CJK = "\u5b63\u5ea6\u62a5\u544a"  # 季度报告


@pytest.mark.skipif(not any(fonts.has(f, CJK[0]) for f in fonts.chain(fonts.primary(""))[1:]),
                    reason="no CJK face on this host")
def test_a_cjk_title_and_its_euro_sign_share_a_baseline():
    spec = make(type="bar", data=[[1, 3, 2]], title=f"{CJK} \u20ac", format="png")
    box = next(t["box"] for t in layout(spec)["texts"] if t["role"] == "title")
    image = render(spec).convert("L")

    def ink_bottom(left, right):
        return max(y for y in range(box[1], box[3] + 1) for x in range(left, right) if image.getpixel((x, y)) < 140)

    width = box[2] - box[0]  # the CJK run fills the left three quarters, the euro sign the last tenth
    cjk_bottom, euro_bottom = ink_bottom(box[0], box[0] + width * 3 // 4), ink_bottom(box[2] - width // 10, box[2])
    # CJK glyphs dip a little below the baseline (about 0.1 em); a face placed by its own ascender sat 6 px lower
    assert 0 <= cjk_bottom - euro_bottom <= 3, (cjk_bottom, euro_bottom)
