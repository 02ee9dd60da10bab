"""The command palette: every key binding and every command of the table, found by typing part of what it
does. It is the same table the keys, the prompt, layout files and the CLI use, so nothing has to be
remembered: ``prefix P``, type "zoom", Enter.

A command that needs arguments opens the prompt with its name typed; the others run at once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from muntin.ui.literal import literal_content

if TYPE_CHECKING:
    from muntin.ui.app import MuntinApp


COMMAND_MATCHED = 80
"""Characters of a binding's command text the search matches (after its title)."""


@dataclass(frozen=True, slots=True)
class Entry:
    title: str  # what it does, as people search for it
    help: str  # where it is bound and the command text
    command: str  # command text to run
    needs_input: bool = False  # open the prompt with the command typed instead of running it


def palette_entries(keymap, specs) -> list[Entry]:
    """Key bindings of the prefix and root tables (with their keys), then every command of the table."""
    from muntin.emulator.keys import MOUSE_KEYS, format_key, split_modifiers

    entries: list[Entry] = []
    seen: set[str] = set()
    for table, label in (("prefix", "prefix "), ("root", "")):
        for binding in keymap.tables.get(table, {}).values():
            if binding.command in seen or split_modifiers(binding.key)[1] in MOUSE_KEYS:
                continue  # a mouse key's binding (the right-click menus) needs the mouse where it was
            seen.add(binding.command)
            title = binding.description or binding.command
            entries.append(Entry(title, f"{label}{format_key(binding.key)}  ·  {binding.command}", binding.command))
    for spec in sorted(specs, key=lambda s: s.name):
        if spec.name in seen:
            continue
        needs_input = any(p.least for p in spec.positionals)
        entries.append(Entry(f"{spec.help} ({spec.name})", spec.usage(), spec.name, needs_input))
    return entries


class CommandsProvider(Provider):
    """Hits from :func:`palette_entries` for the app's current key tables."""

    def _entries(self) -> list[Entry]:
        from muntin.commands import COMMANDS

        return palette_entries(self.app.keymap, COMMANDS)

    def _run(self, entry: Entry) -> None:
        app: MuntinApp = self.app  # type: ignore[assignment]
        if entry.needs_input:
            app.client_action("command-prompt", {"argv": ["-I", f"{entry.command} "]})
        else:
            app.run_worker(app.run_binding(entry.command), group="commands")

    async def discover(self) -> Hits:
        for entry in self._entries():
            yield DiscoveryHit(literal_content(entry.title), partial(self._run, entry), text=entry.title,
                               help=literal_content(entry.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries():
            # the start of the command only: fuzzy matching a long one (a menu's items) takes seconds
            score = max(matcher.match(entry.title), matcher.match(entry.command[:COMMAND_MATCHED]) * 0.9)
            if score > 0:
                yield Hit(score, _highlight(matcher, entry.title), partial(self._run, entry), text=entry.title,
                          help=literal_content(entry.help))


def _highlight(matcher, title: str) -> Content:
    """``title`` with the letters the query matched marked, as text (Matcher.highlight reads markup)."""
    content = literal_content(title)
    if content.plain != title:  # control characters shown in caret form: the offsets no longer line up
        return content
    _, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
