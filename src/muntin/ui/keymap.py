"""Key tables as the UI uses them: which command a key runs in a table, and the hints for the status bar."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from muntin.emulator.keys import format_key


@dataclass(frozen=True, slots=True)
class KeyBinding:
    key: str
    command: str
    description: str = ""
    repeat: bool = False


class KeyMap:
    """Bindings by table (``root``, ``prefix``, ...) and key (canonical Textual key names)."""

    def __init__(self, prefix: str = "ctrl+b", tables: Mapping[str, Iterable[KeyBinding]] | None = None,
                 *, repeat_time: float = 0.5) -> None:
        self.prefix = prefix
        self.prefix2 = "none"  # the prefix2 option: a second prefix key
        self.repeat_time = repeat_time
        self.tables: dict[str, dict[str, KeyBinding]] = {
            name: {b.key: b for b in bindings} for name, bindings in (tables or {}).items()
        }

    @classmethod
    def from_key_tables(cls, key_tables, *, repeat_time: float = 0.5) -> KeyMap:
        """From the command package's ``KeyTables`` (the same tables ``list-keys`` shows)."""
        return cls(key_tables.prefix,
                   {table: [KeyBinding(b.key, b.command, b.note, b.repeat) for b in key_tables.bindings(table)]
                    for table in key_tables.tables()},
                   repeat_time=repeat_time)

    def is_prefix(self, key: str | None) -> bool:
        """Whether ``key`` is the prefix key or the second one (prefix2)."""
        return key is not None and key != "none" and key in (self.prefix, self.prefix2)

    def lookup(self, table: str, key: str) -> KeyBinding | None:
        return self.tables.get(table, {}).get(key)

    def hints(self, table: str = "prefix") -> list[tuple[str, str]]:
        """(key as people write it, description) for the bindings of a table, in the order they were bound;
        families of keys that do the same thing by number or direction are one entry (``0-9``, ``C-arrows``)."""
        entries: list[tuple[str, str]] = []
        families: dict[tuple[str, str], list[str]] = {}
        for binding in self.tables.get(table, {}).values():
            key = format_key(binding.key)
            note = binding.description or binding.command
            family = _family(key, note)
            if family is None:
                entries.append((key, note))
                continue
            members = families.setdefault(family, [])
            if not members:
                entries.append(family)
            members.append(key)
        out = []
        for key, note in entries:
            members = families.get((key, note))
            if members is not None and len(members) == 1:
                out.append((members[0], _note_for(members[0], note)))
            else:
                out.append((key, note))
        return out


_DIRECTIONS = ("up", "down", "left", "right")
_ARROWS = {"Up", "Down", "Left", "Right"}


def _family(key: str, note: str) -> tuple[str, str] | None:
    """The (key group, note) a binding belongs to, when it is one of a numbered or directional family."""
    modifier, _, base = key.rpartition("-") if "-" in key[:-1] else ("", "", key)
    words = note.split()
    if base.isdigit() and words and words[-1] == base:
        return (f"{modifier + '-' if modifier else ''}0-9", " ".join(words[:-1]) + " N")
    if base in _ARROWS:
        lowered = [w.lower() for w in words]
        for direction in _DIRECTIONS:
            if direction in lowered:
                index = lowered.index(direction)
                rest = words[:index] + ["←↑→↓"] + words[index + 1:]
                return (f"{modifier + '-' if modifier else ''}arrows", " ".join(rest))
    return None


def _note_for(key: str, note: str) -> str:
    base = key.rpartition("-")[2] if "-" in key[:-1] else key
    return note.replace(" N", f" {base}").replace("←↑→↓", base.lower())
