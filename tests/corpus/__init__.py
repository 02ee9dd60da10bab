"""The recorded terminal streams of this folder and the screens tmux shows for them, for tests and benchmarks."""

from __future__ import annotations

import functools
import json
import lzma
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REFERENCE = HERE / "reference"
MANIFEST = HERE / "manifest.json"
SUFFIX = ".bin.xz"  # each stream is stored xz-compressed; ``data()`` gives the bytes as recorded

# What ``reference()`` reads, by kind: the files record.py writes from tmux's capture-pane and formats.
REFERENCE_KINDS = {
    "txt": "capture-pane -p: the final screen",
    "ansi": "capture-pane -p -e: the final screen with its SGR attributes",
    "hist.txt": "capture-pane -p -S -2000: the last 2000 history lines and the screen",
    "json": "cursor, history size, modes and scroll region as tmux's formats report them",
}


@dataclass(frozen=True)
class Stream:
    """One recording: ``name`` is its stem (``seq_80x24``), the pty size it was recorded at is in the name."""

    name: str

    @property
    def rows(self) -> int:
        return int(self.name.rsplit("_", 1)[1].split("x")[1])

    @property
    def cols(self) -> int:
        return int(self.name.rsplit("_", 1)[1].split("x")[0])

    @property
    def path(self) -> Path:
        return HERE / f"{self.name}{SUFFIX}"

    def data(self) -> bytes:
        """The bytes the program wrote, exactly as recorded (decompressed)."""
        return _decompressed(self.path)

    def reference(self, kind: str) -> bytes:
        """tmux's view of the final screen, one of ``REFERENCE_KINDS``, as bytes."""
        if kind not in REFERENCE_KINDS:
            raise ValueError(f"no reference kind {kind!r}: use one of {', '.join(REFERENCE_KINDS)}")
        return (REFERENCE / f"{self.name}.{kind}").read_bytes()

    def reference_text(self, kind: str = "txt") -> str:
        return self.reference(kind).decode()

    def meta(self) -> dict:
        """tmux's cursor, history size and modes after the stream (``reference/<name>.json``)."""
        return json.loads(self.reference("json"))


@functools.cache
def _decompressed(path: Path) -> bytes:
    return lzma.decompress(path.read_bytes())


def streams(pattern: str = "*") -> list[Stream]:
    """The recorded streams whose name matches ``pattern`` (a glob on the stem: ``*_80x24``), sorted by name."""
    return [Stream(path.name[: -len(SUFFIX)]) for path in sorted(HERE.glob(f"{pattern}{SUFFIX}"))]


def stream(name: str) -> Stream:
    """The stream called ``name`` (``seq_80x24``); an error naming the corpus folder if it is not there."""
    found = Stream(name)
    if not found.path.is_file():
        raise FileNotFoundError(f"no stream {name!r} in {HERE}: see {HERE / 'README.md'}")
    return found


def manifest() -> dict[str, dict]:
    """Per stream file name (``seq_80x24.bin``): the command, size, byte count, sha256 and description."""
    return json.loads(MANIFEST.read_text())
