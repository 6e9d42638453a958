"""Labels that never collide: long words broken inside before an ellipsis; value labels on bars with room."""

import pytest

from dyngraph import fonts
from dyngraph.linebreak import lines
from dyngraph.render import layout
from dyngraph.spec import make

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitän"


def _measure(counter=None):
    """A measure of the chart's own face at 12 px, counting its calls."""
    path = fonts.primary()

    def measure(text):
        if counter is not None:
            counter.append(text)
        return fonts.width(text, 12, path)

    return measure


def _fit(width):
    return lambda line: fonts.fit(line, 12, width, fonts.primary())


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _no_two_overlap(texts):
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert not _overlap(a["box"], b["box"]), (a, b)


@pytest.mark.parametrize("share", [0.56, 0.7, 0.9])
def test_a_single_long_word_is_broken_with_a_hyphen_where_two_lines_hold_it(share):
    measure = _measure()
    width = round(measure(LONG_WORD) * share)  # too narrow for one line, wide enough for two
    first, second = lines(LONG_WORD, measure, width, 2, _fit(width))
    assert first.endswith("-") and first[-2].isalpha() and second[0].isalpha()
    assert first[:-1] + second == LONG_WORD  # all of it, no ellipsis
    assert measure(first) <= width and measure(second) <= width


def test_a_url_breaks_after_a_slash_or_dot_without_a_hyphen():
    url = "support.example.com/tickets/open_items"
    measure = _measure()
    first, second = lines(url, measure, 150, 2, _fit(150))
    assert first + second == url
    assert first[-1] in "/._" and measure(first) <= 150 and measure(second) <= 150


def test_a_cjk_run_breaks_between_characters_without_a_hyphen():
    text = "季度报告销售利润成本季度报告"
    measure = _measure()
    if fonts.missing(text, fonts.primary()):
        pytest.skip("no CJK font on this host (fonts-noto-cjk)")
    first, second = lines(text, measure, 110, 2, _fit(110))
    assert first + second == text and "-" not in first
    assert measure(first) <= 110 and measure(second) <= 110


def test_a_long_word_after_a_short_one_starts_on_the_same_line():
    text = "Der " + LONG_WORD
    measure = _measure()
    first, second = lines(text, measure, 180, 2, _fit(180))
    assert first.startswith("Der ") and len(first) > len("Der ") + 3
    assert (first[:-1] + second).replace(" ", "") == text.replace(" ", "")


def test_text_too_long_for_two_lines_ends_in_an_ellipsis_on_the_second():
    measure = _measure()
    first, second = lines(LONG_WORD * 3, measure, 120, 2, _fit(120))
    assert first.endswith("-") and second.endswith(fonts.ELLIPSIS)
    assert measure(first) <= 120 and measure(second) <= 120


def test_a_number_is_never_hyphenated():
    measure = _measure()
    first, _ = lines("12345678901234567890", measure, 60, 2, _fit(60))
    assert "-" not in first


def test_breaking_a_word_takes_a_bounded_number_of_measurements():
    calls = []
    word = "x" * 200  # longer than any label may be (max_label_length 100, titles 200)
    lines(word, _measure(calls), 100, 2, lambda line: line)
    assert len(calls) <= 2 + 2 * 9  # two tries, then a binary search over 200 prefixes (8 steps) and a hyphen


def test_a_title_of_one_long_word_wraps_onto_two_lines_without_an_ellipsis():
    title = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrente"
    data = layout(make(type="bar", data=[[1, 2]], title=title, width=300, height=200))
    rows = [t for t in data["texts"] if t["role"] == "title"]
    assert len(rows) == 2 and rows[0]["text"].endswith("-")
    assert rows[0]["text"][:-1] + rows[1]["text"] == title
    assert all(0 <= t["box"][0] and t["box"][2] <= 300 for t in rows)
    _no_two_overlap(data["texts"])


def test_long_single_word_category_labels_wrap_within_their_slots():
    labels = ["Kundendienstmitarbeiter", "example.com/tickets", "Other"]
    data = layout(make(type="bar", data=[[3, 5, 2]], labels=labels, width=300, height=220))
    ticks = [t for t in data["texts"] if t["role"] == "xtick"]
    shown = [t["text"] for t in ticks]
    assert not any(fonts.ELLIPSIS in t for t in shown)
    assert "".join(shown).replace("-", "") == "".join(labels).replace("-", "")  # every glyph drawn
    slot = (data["plot"]["right"] - data["plot"]["left"]) / 3
    assert all(t["box"][2] - t["box"][0] <= slot for t in ticks)
    _no_two_overlap(data["texts"])


def test_a_hyphenated_break_carries_at_least_three_letters_over():
    measure = _measure()
    width = round(measure("Escalatio-")) + 1  # the longest prefix that fits would leave "ns"
    first, second = lines("Escalations", measure, width, 2, _fit(width))
    assert first.endswith("-") and len(second) >= 3 and first[:-1] + second == "Escalations"
