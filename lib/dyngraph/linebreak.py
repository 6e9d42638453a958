"""Text broken into a few lines of a pixel width, by any measure; a word too long for a line is broken inside.

Words go onto lines greedily. A word wider than a whole line (a long compound,
a URL, a CJK run without spaces) is broken where it reads best: after a
hyphen, slash, underscore, dot or similar, or between two CJK characters, else
at the last glyph that fits, with a hyphen between two Latin letters. Only the
last line is cut with an ellipsis (by ``fit``), when the text needs more lines
than it may have. The number of measurements is bounded: about two per word,
and a binary search over a word's prefixes for each break (labels are at most
``max_label_length`` characters, titles ``max_title_length``).
"""


BREAK_AFTER = frozenset("-/_.\\:;,?&=+~#@|)]}\u2010\u2013\u2014")  # a line may end just after these
HYPHEN = "-"
MIN_HEAD = 3  # characters at least of a broken word on a line that already holds other words
MIN_TAIL = 3  # letters at least carried over after a hyphen ("Escalati-ons", never "Escalatio-ns")


def lines(text, measure, max_width, max_lines, fit):
    """``text`` as at most ``max_lines`` lines no wider than ``max_width`` (by ``measure(str) -> px``).

    ``fit(line)`` cuts the last line with an ellipsis when it is still too wide.
    """
    words = text.split()
    out, current = [], ""
    for n, word in enumerate(words):
        if len(out) >= max_lines - 1:  # the last line: everything left, cut by fit below
            rest = " ".join(words[n:])
            current = f"{current} {rest}" if current else rest
            break
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= max_width:
            current = candidate
            continue
        if measure(word) <= max_width:  # it fits a line of its own
            out.append(current)
            current = word
            continue
        while len(out) < max_lines - 1 and measure(word) > max_width:  # too long for any line: broken
            prefix = f"{current} " if current else ""
            head, tail = split(word, prefix, measure, max_width)
            if not head:
                if not current:  # not even one glyph fits
                    break
                out.append(current)  # the rest of this line is too short: start the word on the next
                current = ""
                continue
            out.append(prefix + head)
            current, word = "", tail
        current = f"{current} {word}" if current else word
    if current:
        out.append(current)
    return [fit(line) for line in out]


def split(word, prefix, measure, max_width):
    """(head, tail) of ``word`` with ``prefix + head`` no wider than ``max_width``; head "" when none reads.

    A binary search for the longest prefix that fits (with room for a hyphen where one is needed),
    then the last natural break point in its second half, if any.
    """
    low, high = 0, len(word) - 1  # at least one character goes on to the next line
    while low < high:
        middle = (low + high + 1) // 2
        if measure(prefix + word[:middle]) <= max_width:
            low = middle
        else:
            high = middle - 1
    cut, least = low, MIN_HEAD if prefix else 1
    inside = _inside_emoji(word)
    while cut > 0 and cut in inside:  # never inside an emoji sequence (a family, a flag, a skin tone)
        cut -= 1
    for at in range(cut, max(cut // 2, least - 1), -1):  # a natural break point not too far back
        if at not in inside and _breaks_after(word, at):
            return word[:at], word[at:]
    if _latin(word, cut):
        cut = min(cut, len(word) - MIN_TAIL)
    while cut >= least and _latin(word, cut) and measure(prefix + word[:cut] + HYPHEN) > max_width:
        cut -= 1  # room for the hyphen
    if cut < least:
        return "", word
    return word[:cut] + (HYPHEN if _latin(word, cut) else ""), word[cut:]


def _inside_emoji(word):
    """The cut positions of ``word`` that fall inside an emoji sequence (see dyngraph.emoji)."""
    if word.isascii():
        return frozenset()
    from . import emoji

    inside, at = set(), 0
    for piece, is_emoji in emoji.split(word):
        if is_emoji:
            inside.update(range(at + 1, at + len(piece)))
        at += len(piece)
    return inside


def _breaks_after(word, at):
    """True when a line may end after ``word[:at]`` without a hyphen."""
    if at <= 0 or at >= len(word):
        return False
    return word[at - 1] in BREAK_AFTER or _wide(word[at - 1]) or _wide(word[at])


def _latin(word, at):
    """True when the cut at ``at`` falls between two letters of an alphabetic script (it takes a hyphen)."""
    return 0 < at < len(word) and word[at - 1].isalpha() and word[at].isalpha() and not _wide(word[at - 1]) \
        and not _wide(word[at])


def _wide(char):
    """CJK and other wide characters: a line may break between any two of them."""
    if char.isascii():
        return False
    import unicodedata  # ~0.15 ms: only for text beyond ASCII

    return unicodedata.east_asian_width(char) in ("W", "F")
