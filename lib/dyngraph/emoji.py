"""Which characters of a text form one emoji: the sequences a colour emoji face draws as one glyph.

Pure text logic (stdlib, a short table): a pictograph drawn in colour by default (Emoji_Presentation)
or because U+FE0F asks for it, with a skin-tone modifier, joined to more by U+200D (ZWJ), a flag (two
regional indicators), a keycap (``1`` U+FE0F U+20E3) or a tag sequence (the flags of England, Scotland,
Wales). A loose reading of UTS #51: what the face cannot draw as one glyph is drawn as ``parts`` and
reported by fonts.missing, never guessed. fonts.runs asks only when ``likely`` says a text may hold one,
so plain text never pays for the colour face.
"""

VS15, VS16, ZWJ, KEYCAP = "\ufe0e", "\ufe0f", "\u200d", "\u20e3"
KEYCAP_BASES = frozenset("0123456789#*")
SMP_PICTOGRAPHS = (0x1F000, 0x1FAFF)  # mahjong tiles .. symbols and pictographs extended-A: all emoji-like
REGIONAL = (0x1F1E6, 0x1F1FF)
MODIFIERS = (0x1F3FB, 0x1F3FF)  # skin tones
TAGS = (0xE0020, 0xE007F)  # U+E007F ends a tag sequence


def _ranges(*pairs):
    return frozenset(chr(c) for low, high in pairs for c in range(low, high + 1))


# Emoji_Presentation below U+1F000 (Unicode emoji-data.txt): drawn in colour without U+FE0F.
PRESENTATION = _ranges(
    (0x231A, 0x231B), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3), (0x25FD, 0x25FE),
    (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1),
    (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4),
    (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD),
    (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E),
    (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0), (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55))
# Other pictographs below U+1F000 (text by default: colour only with U+FE0F, a modifier, or after a ZWJ).
PICTOGRAPHS = PRESENTATION | _ranges(
    (0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2122),
    (0x2139, 0x2139), (0x2194, 0x2199), (0x21A9, 0x21AA), (0x2300, 0x23FF), (0x24C2, 0x24C2),
    (0x25AA, 0x25AB), (0x25B6, 0x25B6), (0x25C0, 0x25C0), (0x25FB, 0x25FE), (0x2600, 0x27BF),
    (0x2934, 0x2935), (0x2B05, 0x2B07), (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3297),
    (0x3299, 0x3299))


def _within(char, pair):
    return pair[0] <= ord(char) <= pair[1]


def likely(text):
    """True when ``text`` may hold an emoji (then ``split`` is worth its cost)."""
    return any(c >= "\U0001f000" or c in PRESENTATION or c == VS16 or c == KEYCAP for c in text)


def _pictograph(char):
    return _within(char, SMP_PICTOGRAPHS) or char in PICTOGRAPHS


def _starts(text, i):
    """True when an emoji element starts at ``text[i]``."""
    char, after = text[i], text[i + 1:i + 2]
    if after == VS15:
        return False  # text presentation asked for
    if _within(char, SMP_PICTOGRAPHS) or char in PRESENTATION:
        return True
    return char in PICTOGRAPHS and (after == VS16 or (after != "" and _within(after, MODIFIERS)))


def _element_end(text, i):
    """The end of the element starting at ``text[i]``: its base, U+FE0F, a modifier, tags."""
    j = i + 1
    if text[j:j + 1] == VS16:
        j += 1
    if j < len(text) and _within(text[j], MODIFIERS):
        j += 1
    while j < len(text) and _within(text[j], TAGS):
        j += 1
    return j


def _cluster_end(text, i):
    """The end of the emoji starting at ``text[i]``, or ``i`` when none starts there."""
    char, n = text[i], len(text)
    if _within(char, REGIONAL):
        return i + 2 if i + 1 < n and _within(text[i + 1], REGIONAL) else i + 1
    if char in KEYCAP_BASES:
        rest = text[i + 1:i + 3]
        return i + 2 if rest[:1] == KEYCAP else i + 3 if rest == VS16 + KEYCAP else i
    if not _starts(text, i):
        return i
    j = _element_end(text, i)
    while j + 1 < n and text[j] == ZWJ and _pictograph(text[j + 1]):
        j = _element_end(text, j + 1)
    return j


def split(text):
    """``text`` as [(piece, is_emoji)]: each emoji a piece of its own, the text between them merged."""
    out, i, start = [], 0, 0
    while i < len(text):
        end = _cluster_end(text, i)
        if end == i:
            i += 1
            continue
        if start < i:
            out.append((text[start:i], False))
        out.append((text[i:end], True))
        i = start = end
    if start < len(text):
        out.append((text[start:], False))
    return out


def count(text):
    """How many emoji ``text`` holds (for the work budget)."""
    return sum(is_emoji for _, is_emoji in split(text)) if likely(text) else 0


def glyph(cluster):
    """What the face is asked for: ``cluster`` without U+FE0F (which only says "in colour")."""
    return cluster.replace(VS16, "") or cluster


def parts(cluster):
    """The pieces of an emoji drawn one by one when no face has it as one glyph (a family as its people)."""
    plain = glyph(cluster)
    if plain[:1] in KEYCAP_BASES:
        return [plain[0], KEYCAP]
    pieces = []
    for element in plain.split(ZWJ):
        element = "".join(c for c in element if not _within(c, TAGS))
        pieces.extend(c for c in element if c)  # a base, then its modifier swatch; a flag's two letters
    return [p for p in pieces if p] or [cluster]
