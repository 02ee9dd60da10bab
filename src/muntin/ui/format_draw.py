"""An expanded status format drawn as styled segments, as tmux's format_draw draws a status line: ``#[STYLE]``
changes the style from there on (``default`` back to the base style), runs of ``#`` stand for half as many
(rounded up; before ``[``: rounded down, and an even run makes the ``[`` text). Alignment, lists and ranges
(``align=``, ``list=``, ``range=``, ``push-default``, ...) are not drawn: their words are skipped."""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style as RichStyle

Styler = Callable[[RichStyle, str], RichStyle]
"""A style with what a tmux style word (``bg=yellow``, ``bold``) sets on top."""

_SKIPPED = ("align=", "list=", "range=", "fill=", "width=", "norange", "nolist", "push-default", "pop-default",
            "ignore", "noignore")


def _restyle(style: RichStyle, base: RichStyle, body: str, styler: Styler) -> RichStyle:
    for word in body.replace(",", " ").split():
        if word == "default":
            style = base
        elif not word.startswith(_SKIPPED):
            style = styler(style, word)
    return style


def draw(text: str, base: RichStyle, styler: Styler) -> list[Segment]:
    """``text`` (a format already expanded) as segments, starting in ``base``."""
    out: list[tuple[str, RichStyle]] = []
    style = base
    i, size = 0, len(text)

    def emit(piece: str) -> None:
        if piece:
            out.append((piece, style))

    while i < size:
        if text[i] == "#" and i + 1 < size and text[i + 1] != "[":
            run = 1
            while i + run < size and text[i + run] == "#":
                run += 1
            if i + run >= size or text[i + run] != "[":
                emit("#" * (run // 2 if run % 2 == 0 else run // 2 + 1))
                i += run
                continue
            emit("#" * (run // 2))
            if run % 2 == 0:
                emit("[")
                i += run + 1
                continue
            i += run - 1  # the last # starts a style
        if text.startswith("#[", i):
            end = text.find("]", i + 2)
            if end < 0:
                break  # no end to the style: tmux draws nothing further
            style = _restyle(style, base, text[i + 2:end], styler)
            i = end + 1
            continue
        start = i
        while i < size and text[i] != "#":
            i += 1
        if i == start:  # a lone # at the end
            i += 1
        emit(text[start:i])
    return [Segment(piece, st) for piece, st in out]
