"""Text over a wide gradient: an ink per text box, and a halo where no one ink reads on all of its box.

Measured on decoded pixels: on a black-to-white background every part of every text has neighbouring
pixels 4.5:1 apart (glyph against halo or ground), and a halo really is the colour the layout names.
"""

import pytest

from dyngraph.colour import contrast
from dyngraph.encode import encode
from dyngraph.render import layout, render
from dyngraph.spec import parse
from tests.conftest import decode

BLACK_TO_WHITE = "bgfill=lg,0,000000,0,ffffff,1"
QUERY = (f"type=bar&data=3,5,4|2,4,3&labels=Alpha|Beta|Gamma&{BLACK_TO_WHITE}&title=A title across the middle"
         f"&legend=Sales|Costs&width=480&height=240&grid=0")
PART = 12  # pixels: every part of a text box this wide holds some glyph


def rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))


def drawn(query):
    spec = parse(query + "&format=png")
    return decode(encode(render(spec), "png")).convert("RGB"), layout(spec)["texts"]


def best_neighbour_contrast(data, left, top, right, bottom):
    """The highest contrast between two side-by-side or stacked pixels inside the box."""
    best = 1.0
    for y in range(top, bottom):
        for x in range(left, right):
            here = data[x, y]
            if x + 1 < right:
                best = max(best, contrast(here, data[x + 1, y]))
            if y + 1 < bottom:
                best = max(best, contrast(here, data[x, y + 1]))
    return best


def unreadable_parts(image, texts):
    """[(text, part box)] where no two neighbouring pixels of a text box are 4.5:1 apart."""
    data, out = image.load(), []
    for text in texts:
        left, top, right, bottom = text["box"]
        left, top = max(0, left - 1), max(0, top - 1)
        right, bottom = min(image.width, right + 1), min(image.height, bottom + 1)
        parts = max(1, (right - left) // PART)
        for n in range(parts):
            a, b = left + n * (right - left) // parts, left + (n + 1) * (right - left) // parts
            if best_neighbour_contrast(data, a, top, b, bottom) < 4.5:
                out.append((text["text"], (a, top, b, bottom)))
    return out


@pytest.mark.parametrize("scale", [1, 2])
def test_every_text_reads_on_a_black_to_white_gradient(scale):
    image, texts = drawn(f"{QUERY}&scale={scale}")
    assert unreadable_parts(image, texts) == []
    haloed = [t for t in texts if "halo" in t]
    assert "title" in {t["role"] for t in haloed}  # the title spans the middle greys: no one ink reads there
    for text in haloed:  # only texts over the middle greys need one; those near either end have their ink
        left, _, right, _ = text["box"]
        assert 0.2 < (left + right) / 2 / image.width < 0.8, text
    for text in haloed:
        ink, halo = rgb(text["ink"]), rgb(text["halo"])
        assert contrast(ink, halo) >= 4.5
        left, top, right, bottom = text["box"]
        found = dict((c, n) for n, c in image.crop((left - scale, top - scale, right + scale, bottom + scale))
                     .getcolors(1 << 16))
        assert found.get(ink, 0) >= 10 and found.get(halo, 0) >= 10  # both really drawn, as named


def test_without_per_text_inks_and_halos_the_check_finds_unreadable_text(monkeypatch):
    # one ink for the whole gradient, as drawn before: the check above must notice
    from dyngraph.render.canvas import Canvas, colour

    monkeypatch.setattr(Canvas, "text_inks", lambda self: [(colour(t[4]), None) for t in self._texts])
    image, texts = drawn(QUERY)
    assert {text for text, _ in unreadable_parts(image, texts)} >= {"A title across the middle"}


def test_labels_at_either_end_get_their_own_ink_without_a_halo():
    image, texts = drawn(QUERY)
    labels = {t["text"]: t for t in texts if t["role"] == "xtick"}
    assert not any("halo" in t for t in labels.values())
    for name, lighter in (("Alpha", True), ("Gamma", False)):
        left, top, right, bottom = labels[name]["box"]
        ground = image.getpixel(((left + right) // 2, min(image.height - 1, bottom + 2)))
        ink = max((c for _, c in image.crop((left, top, right, bottom)).getcolors(1 << 16)),
                  key=lambda c: contrast(c, ground))
        assert contrast(ink, ground) >= 4.5
        assert (sum(ink) > sum(ground)) == lighter  # light ink on the dark end, dark ink on the light end


def test_a_users_text_colour_keeps_its_colour_with_a_halo():
    image, texts = drawn(f"{QUERY}&titlecolor=ff0000")
    title = next(t for t in texts if t["role"] == "title")
    assert title["ink"] == "ff0000" and title["halo"] == "000000"
    assert unreadable_parts(image, [title]) == []


@pytest.mark.parametrize("background", ["ffffff", "808080", "ffcc00", "000000"])
def test_solid_backgrounds_draw_no_halo(background):
    _, texts = drawn(f"type=bar&data=3,5&labels=A|B&title=Plain&legend=One&background={background}")
    assert not any("halo" in t for t in texts)


@pytest.mark.parametrize("fill", [BLACK_TO_WHITE, "bgfill=lg,0,ffffff,0,000000,1", "plotfill=lg,90,000000,0,ffffff,1"])
def test_grid_and_axis_lines_stay_visible_from_one_end_of_a_wide_gradient_to_the_other(fill):
    query = f"type=line&data=3,5,4,6|2,4,3,1&{fill}&width=480&height=240&format=png"
    spec = parse(query)
    image, plan = decode(encode(render(spec), "png")).convert("RGB"), layout(spec)
    data, plot = image.load(), plan["plot"]
    ticks = [t for t in plan["texts"] if t["role"] == "ytick"]
    assert len(ticks) >= 3
    series = [tuple(p) for s in plan["series"] for p in s["points"] if p]
    xs = [x for x in range(plot["left"] + 2, plot["right"] - 2, 6)
          if not any(abs(x - px) < 12 for px, _ in series)]  # away from where the series cross

    def seen(row, x):  # the line's pixel against the ground beside it (the better side: an edge row has one)
        return max(contrast(data[x, row], data[x, row - 3]), contrast(data[x, row], data[x, min(row + 3, image.height - 1)]))

    for tick in ticks:
        y = round((tick["box"][1] + tick["box"][3]) / 2)  # a grid line (or the axis) runs through the label's middle
        worst = max(min(seen(row, x) for x in xs) for row in range(y - 2, y + 3))
        assert worst >= 1.45, (tick["text"], worst)
