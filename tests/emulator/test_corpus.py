"""Every recorded stream in tests/corpus gives the screen tmux shows, in any chunking."""

from __future__ import annotations

import hashlib
import json
import lzma
import os
import shutil
from pathlib import Path

import pytest
from pyte.charsets import VT100_MAP

from corpus import HERE, REFERENCE_KINDS, SUFFIX, Stream, manifest, record, stream, streams

from muntin.emulator import Terminal

STREAMS = streams()

# Rows where tmux 3.3a is the odd one out. Each entry: stream stem -> {row: why}.
#  - Overwriting half of a wide character: xterm (and muntin) blank the whole character; tmux keeps an
#    orphaned padding cell that capture-pane prints as nothing, so its row is a cell short or keeps the
#    damaged character. Checked against xterm's documented behaviour, not tmux's.
#  - A ZWJ sequence: tmux moves a zero-width joiner after "a" onto the next character and drops the last
#    member of a family emoji; muntin keeps every character of the text.
TMUX_QUIRKS = {
    "wide-overwrite": "tmux keeps padding cells of a partly overwritten wide character",
    "zwj": "tmux reattaches zero-width joiners differently and drops text",
}


def quirk(stem: str, mine: str, ref: str) -> str | None:
    """Why a differing row is tmux's quirk, or None if it is a real difference."""
    if not stem.startswith("unicode"):
        return None
    if "\u200d" in mine or "\u200d" in ref:
        return TMUX_QUIRKS["zwj"]
    if set(mine.replace(" ", "")) <= set("中文xy|") and set(ref.replace(" ", "")) <= set("中文xy|"):
        return TMUX_QUIRKS["wide-overwrite"]
    return None


# capture-pane prints a cell drawn in the DEC line-drawing set as the letter the program sent (`lqqk`);
# muntin's screen holds the glyph (`┌──┐`). A cell matches when it is the same character, or the glyph of
# tmux's letter.
_LETTER_OF_GLYPH = {glyph: chr(code) for code, glyph in enumerate(VT100_MAP) if 95 <= code < 127 and glyph != chr(code)}


def _same_row(mine: str, ref: str) -> bool:
    return len(mine) == len(ref) and all(a == b or _LETTER_OF_GLYPH.get(a) == b for a, b in zip(mine, ref))


@pytest.mark.parametrize("recorded", STREAMS, ids=lambda s: s.name)
def test_stream_matches_tmux(recorded: Stream) -> None:
    rows, cols = recorded.rows, recorded.cols
    terminal = Terminal(rows, cols)
    terminal.feed(recorded.data())
    reference = recorded.reference_text("txt").split("\n")[:rows]
    reference += [""] * (rows - len(reference))
    meta = recorded.meta()
    mismatches = []
    quirks = 0
    for y, (mine, ref) in enumerate(zip(terminal.display, reference)):
        mine, ref = mine.rstrip(), ref.rstrip()
        if not _same_row(mine, ref):
            if quirk(recorded.name, mine, ref):
                quirks += 1
            else:
                mismatches.append(f"row {y}:\n  muntin: {mine!r}\n  tmux:   {ref!r}")
    assert not mismatches, "\n".join(mismatches)
    assert quirks <= 6  # the four wide-overwrite rows and two ZWJ rows of the unicode stream
    assert terminal.cursor == (meta["cursor_x"], meta["cursor_y"])
    assert terminal.alternate_screen == bool(meta.get("alternate_on"))


@pytest.mark.parametrize("name", ["vim_256_80x24", "unicode_80x24", "shell_80x24", "progress_80x24",
                                  "less_80x24", "gitlog_graph_80x24", "colors_80x24", "ls_color_80x24",
                                  "ls_recursive_80x24", "seq_80x24", "gitlog_graph_120x40"])
def test_one_byte_chunks_give_the_same_screen(name: str) -> None:
    """Bounded to the first 150 kB of each stream to keep the suite fast; the larger streams' tails
    exercise nothing that their first 150 kB does not."""
    recorded = stream(name)
    data = recorded.data()[:150_000]
    rows, cols = recorded.rows, recorded.cols
    whole, bytewise = Terminal(rows, cols), Terminal(rows, cols)
    whole.feed(data)
    for i in range(len(data)):
        bytewise.feed(data[i:i + 1])
    assert whole.display == bytewise.display
    assert whole.cursor == bytewise.cursor
    assert [whole.styled_row(y) for y in range(rows)] == [bytewise.styled_row(y) for y in range(rows)]
    assert list(whole.scrollback) == list(bytewise.scrollback)  # text, style runs and wrap flags


@pytest.mark.parametrize("recorded", STREAMS, ids=lambda s: s.name)
def test_scrollback_matches_tmux_history(recorded: Stream) -> None:
    """The scrollback holds the lines tmux keeps in its history (up to our limit), with the same text:
    the tail of scrollback + screen equals tmux's ``capture-pane -S -2000`` output."""
    limit = 10000
    terminal = Terminal(recorded.rows, recorded.cols, scrollback=limit)
    terminal.feed(recorded.data())
    meta = recorded.meta()
    assert len(terminal.scrollback) == min(meta["history_size"], limit)
    reference = [line.rstrip() for line in recorded.reference_text("hist.txt").split("\n")]
    mine = [line.text.rstrip() for line in terminal.scrollback] + [row.rstrip() for row in terminal.display]
    while reference and not reference[-1]:
        reference.pop()
    while mine and not mine[-1]:
        mine.pop()
    tail = min(len(reference), len(mine))
    differing = [i for i, (a, b) in enumerate(zip(mine[-tail:], reference[-tail:])) if not _same_row(a, b)]
    if recorded.name.startswith("unicode"):  # the rows of TMUX_QUIRKS, compared and explained above
        assert len(differing) <= 6
    else:
        assert not differing, f"first differing line from the end-aligned tail: {differing[0]}"


def _cells(terminal: Terminal, y: int) -> list[tuple[str, object]]:
    """One (character, style without link) per cell; a wide character's second cell repeats it."""
    cells = []
    for text, style in terminal.styled_row(y):
        for char in text:
            cells.append((char, style._replace(link=None)))
    return cells


@pytest.mark.parametrize("recorded", STREAMS, ids=lambda s: s.name)
def test_styles_match_tmux(recorded: Stream) -> None:
    """Every cell's colours and attributes equal those in tmux's ``capture-pane -e`` output.

    The reference is rebuilt by feeding the .ansi file to a second Terminal, one row at a time, so each
    row is compared only as far as tmux printed it (capture-pane drops trailing blank cells even when
    they carry a background colour; they are not compared). OSC 8 links are not in the .ansi file.
    """
    rows, cols = recorded.rows, recorded.cols
    terminal = Terminal(rows, cols)
    terminal.feed(recorded.data())
    ansi = recorded.reference("ansi").split(b"\n")[:rows]
    reference = Terminal(rows, cols + 1, scrollback=0)
    mismatches = []
    for y, line in enumerate(ansi):
        reference.feed(line)
        extent = min(reference.cursor[0], cols)
        mine, ref = _cells(terminal, y)[:extent], _cells(reference, y)[:extent]
        for x, ((mine_char, mine_style), (ref_char, ref_style)) in enumerate(zip(mine, ref)):
            if mine_style != ref_style:
                mismatches.append(f"row {y} col {x} {mine_char!r}: muntin {mine_style}, tmux {ref_style}")
        reference.feed(b"\r\n")
    assert not mismatches, "\n".join(mismatches[:10])


def test_the_corpus_is_complete() -> None:
    """Every stream the manifest lists is here with its four reference files and the recorded sha256, and
    nothing is here that the manifest does not list: the corpus tests never run on a partial corpus."""
    listed = manifest()
    assert len(listed) >= 36
    assert sorted(f"{s.name}.bin" for s in STREAMS) == sorted(listed)
    for file_name, entry in listed.items():
        recorded = stream(file_name.removesuffix(".bin"))
        data = recorded.data()
        assert len(data) == entry["bytes"], file_name
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], file_name
        assert (recorded.rows, recorded.cols) == (entry["rows"], entry["cols"]), file_name
        for kind in REFERENCE_KINDS:
            assert recorded.reference(kind), f"{file_name}: empty reference/{recorded.name}.{kind}"
    stray = sorted(p.name for p in HERE.iterdir() if p.name.endswith(SUFFIX) and p.name[: -len(SUFFIX)] + ".bin" not in listed)
    assert not stray, f"streams not in {HERE / 'manifest.json'}: {stray}"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (CI installs it)")
def test_the_recorder_writes_a_stream_its_manifest_entry_and_tmux_s_screens(tmp_path: Path) -> None:
    program = "printf 'one\\n\\033[31mtwo\\033[m\\n'; seq 1 40"
    assert record.main(["sample", "--size", "30x8", "--dir", str(tmp_path), "--desc", "a test", "--",
                        "sh", "-c", program]) == os.EX_OK
    entry = json.loads((tmp_path / "manifest.json").read_text())["sample_30x8.bin"]
    data = lzma.decompress((tmp_path / "sample_30x8.bin.xz").read_bytes())
    assert data.startswith(b"one\r\n\x1b[31mtwo\x1b[m\r\n1\r\n")  # the pty's ONLCR applied, as recorded
    assert (entry["rows"], entry["cols"], entry["bytes"], entry["exit_status"]) == (8, 30, len(data), 0)
    assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["argv"] == ["sh", "-c", program]
    meta = json.loads((tmp_path / "reference" / "sample_30x8.json").read_text())
    terminal = Terminal(8, 30)
    terminal.feed(data)
    screen = (tmp_path / "reference" / "sample_30x8.txt").read_text().split("\n")[:8]
    assert [row.rstrip() for row in terminal.display] == screen + [""] * (8 - len(screen))
    assert terminal.cursor == (meta["cursor_x"], meta["cursor_y"])
    assert len(terminal.scrollback) == meta["history_size"] == 35
    assert meta["stream"] == "sample_30x8.bin" and meta["pane_height"] == 8
    ansi = (tmp_path / "reference" / "sample_30x8.ansi").read_bytes()
    hist = (tmp_path / "reference" / "sample_30x8.hist.txt").read_text()
    assert b"40" in ansi and hist.startswith("one\ntwo\n1\n")
