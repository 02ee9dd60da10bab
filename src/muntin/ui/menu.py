"""display-menu: a box of items drawn over the window where -x/-y put it, as tmux's menu; Up/Down (j/k)
move, Enter or an item's key picks, q/Escape/C-c close, a click on an item picks it and one outside closes.

The items come from the server with their formats expanded (see commands/handlers/menus.py); what they
say is data, drawn as it reads (ui/literal.py). Placing the box is pure (:func:`menu_position`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.app import ComposeResult
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget

from muntin.layout import Rect
from muntin.ui.literal import visible

_STYLE = re.compile(r"#\[([^\]]*)\]")


@dataclass(frozen=True, slots=True)
class MenuItem:
    """One line of a menu: a separator when ``name`` is None."""

    name: str | None
    key: str | None = None  # the key that picks it, as the key tables name it
    key_label: str = ""  # the key as tmux writes it, shown at the right
    command: str = ""
    disabled: bool = False

    @property
    def selectable(self) -> bool:
        return self.name is not None and not self.disabled


def plain(text: str) -> tuple[str, str]:
    """``text`` without its ``#[...]`` styles (muntin draws menus in its own), and the alignment they asked
    for (``left``, ``centre`` or ``right``)."""
    align = "left"
    for match in _STYLE.finditer(text):
        for part in match.group(1).replace(" ", ",").split(","):
            if part.startswith("align="):
                align = {"center": "centre"}.get(part[6:], part[6:])
    return visible(_STYLE.sub("", text).replace("##", "#")), align


def items_from(payload: Sequence[Mapping]) -> list[MenuItem]:
    """The server's item dictionaries as MenuItems."""
    out = []
    for item in payload:
        if item.get("separator"):
            out.append(MenuItem(None))
        else:
            out.append(MenuItem(plain(str(item.get("name", "")))[0], item.get("key") or None,
                                str(item.get("key_label") or ""), str(item.get("command") or ""),
                                bool(item.get("disabled"))))
    return out


def menu_width(title: str, items: Sequence[MenuItem], screen_width: int) -> int:
    """The cells inside the box (tmux's menu width): the widest item with its ``(key)``, or the title.
    A key that does not fit a quarter of the screen or beside the name is left out, as tmux does."""
    width = len(title)
    room = max(screen_width - 4, 1)
    for item in items:
        if item.name is not None:
            width = max(width, len(item.name) + _key_room(item, room))
    return min(width, room)


def _key_room(item: MenuItem, room: int) -> int:
    if not item.key_label or item.disabled:
        return 0
    cells = len(item.key_label) + 3  # a space and two brackets
    if cells <= room // 4 or (cells < room and len(item.name or "") < room - cells):
        return cells
    return 0


def _number(text: str) -> int:
    """strtol: the leading integer of ``text``, 0 for none."""
    match = re.match(r"\s*([+-]?\d+)", text)
    return int(match.group(1)) if match else 0


_X_LETTERS = {"C": "popup_centre_x", "R": "popup_pane_right", "P": "popup_pane_left",
              "M": "popup_mouse_centre_x", "W": "popup_window_status_line_x"}
_Y_LETTERS = {"C": "popup_centre_y", "P": "popup_pane_bottom", "M": "popup_mouse_top",
              "S": "popup_status_line_y", "W": "popup_window_status_line_y"}


def position_values(w: int, h: int, screen: Size, pane: Rect, mouse: tuple[int, int] | None,
                    status_y: int | None, window_x: int | None) -> dict[str, int]:
    """tmux's ``popup_*`` variables for a ``w`` x ``h`` box (cmd-display-menu.c): the screen's centre, the
    pane's edges (``pane`` in screen cells), the mouse, the status line (``status_y``, its row, None when
    hidden) and the current window's name on it (``window_x``). A y value is the box's bottom edge."""
    sx, sy = screen.width, screen.height
    values = {"popup_width": w, "popup_height": h,
              "popup_centre_x": max((sx - 1) // 2 - w // 2, 0),
              "popup_centre_y": sy - h if (sy - 1) // 2 + h // 2 >= sy else (sy - 1) // 2 + h // 2,
              "popup_pane_top": sy - h if pane.y + h >= sy else pane.y + h,
              "popup_pane_bottom": pane.y + pane.height, "popup_pane_left": pane.x,
              "popup_pane_right": max(pane.x + pane.width - w, 0)}
    if mouse is not None:
        mx, my = mouse
        values.update({"popup_mouse_x": mx, "popup_mouse_y": my, "popup_mouse_centre_x": max(mx - w // 2, 0),
                       "popup_mouse_centre_y": sy - h if my - h // 2 + h >= sy else my - h // 2,
                       "popup_mouse_top": min(my + h, sy - 1), "popup_mouse_bottom": max(my - h, 0)})
    if status_y is not None:
        top = status_y == 0
        values["popup_status_line_y"] = 1 + h if top else sy - 1
        if window_x is not None:
            values["popup_window_status_line_x"] = window_x
            values["popup_window_status_line_y"] = 1 + h if top else sy - 1
    return values


def menu_position(x: str, y: str, w: int, h: int, values: Mapping[str, int], screen: Size) -> tuple[int, int]:
    """Where the box's top-left corner goes for ``-x``/``-y`` (a number, one of tmux's letters C R P M W
    for x and C P M S W for y, or a format of the ``popup_*`` variables), kept on the screen."""

    def value(spec: str, letters: Mapping[str, str]) -> int:
        spec = letters.get(spec, spec) if spec in letters else spec
        if spec in letters.values():
            return int(values.get(spec, 0))
        expanded = re.sub(r"#\{(\w+)\}", lambda m: str(values.get(m.group(1), "")), spec)
        return _number(expanded)

    px = value(x or "C", _X_LETTERS)
    if px + w >= screen.width:
        px = screen.width - w
    px = max(px, 0)
    py = value(y or "C", _Y_LETTERS)
    py = 0 if py < h else py - h
    if py + h >= screen.height:
        py = screen.height - h
    return px, max(py, 0)


@dataclass(frozen=True, slots=True)
class MenuStyles:
    border: RichStyle = RichStyle()
    item: RichStyle = RichStyle()
    chosen: RichStyle = RichStyle(color="black", bgcolor="yellow")  # tmux's mode-style
    disabled: RichStyle = RichStyle(dim=True)


class MenuBox(Widget):
    """The box: the title in its top border, one line per item (a rule for a separator)."""

    DEFAULT_CSS = """
    MenuBox { width: auto; height: auto; }
    """

    def __init__(self, title: str, items: Sequence[MenuItem], width: int, styles: MenuStyles) -> None:
        super().__init__()
        self.title_text, self.align = plain(title)
        self.items = list(items)
        self.inner = width
        self.menu_styles = styles
        self.choice = -1

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.inner + 4

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.items) + 2

    def render_line(self, y: int) -> Strip:
        styles, inner = self.menu_styles, self.inner
        border = styles.border
        if y == 0 or y == len(self.items) + 1:
            left, right = ("┌", "┐") if y == 0 else ("└", "┘")
            title = self.title_text[:inner] if y == 0 else ""
            room = inner + 2
            if not title:
                return Strip([Segment(left + "─" * room + right, border)])
            start = {"centre": 1 + (inner - len(title)) // 2, "right": 1 + inner - len(title)}.get(self.align, 1)
            return Strip([Segment(left + "─" * start, border), Segment(title, border),
                          Segment("─" * (room - start - len(title)) + right, border)])
        item = self.items[y - 1]
        if item.name is None:
            return Strip([Segment("├" + "─" * (inner + 2) + "┤", border)])
        style = styles.chosen if y - 1 == self.choice else styles.disabled if item.disabled else styles.item
        key = f"({item.key_label})" if item.key_label and not item.disabled else ""
        name = item.name
        if key and len(name) + len(key) + 1 > inner:  # menu_width left no room for it: the name only
            key = ""
        if len(name) > inner:
            name = name[: max(inner - 1, 0)] + ">"
        line = name + " " * (inner - len(name) - len(key)) + key
        return Strip([Segment("│ ", border), Segment(line, style), Segment(" │", border)])


class MenuScreen(ModalScreen["MenuItem | None"]):
    """The menu over the window until an item is picked (dismissed with it) or it is closed (None)."""

    DEFAULT_CSS = """
    MenuScreen { background: transparent; layers: menu; }
    MenuScreen > MenuBox { layer: menu; }
    """

    def __init__(self, title: str, items: Sequence[MenuItem], position: tuple[int, int], width: int,
                 styles: MenuStyles | None = None, *, stay_open: bool = False, by_mouse: bool = False) -> None:
        super().__init__()
        self.box = MenuBox(title, items, width, styles or MenuStyles())
        self.position = position
        self.stay_open = stay_open
        self.items = self.box.items
        if not by_mouse:  # opened from the keyboard: the first item that can be picked is highlighted, as tmux
            self.box.choice = next((i for i, item in enumerate(self.items) if item.selectable), -1)

    def compose(self) -> ComposeResult:
        yield self.box

    def on_mount(self) -> None:
        self.box.styles.offset = self.position

    @property
    def choice(self) -> int:
        return self.box.choice

    def move(self, step: int) -> None:
        """To the next selectable item up (-1) or down (1), round the ends, as tmux's menu."""
        count = len(self.items)
        if not any(item.selectable for item in self.items):
            return
        choice = self.box.choice
        for _ in range(count):
            choice = (count - 1 if step < 0 else 0) if choice == -1 else (choice + step) % count
            if self.items[choice].selectable:
                break
        self.box.choice = choice
        self.box.refresh()

    def pick(self, index: int) -> None:
        if 0 <= index < len(self.items) and self.items[index].selectable:
            self.dismiss(self.items[index])
        elif not self.stay_open:
            self.dismiss(None)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()  # no key reaches a pane while the menu is open, as in tmux
        key = event.key
        for index, item in enumerate(self.items):
            if item.selectable and item.key == key:
                self.dismiss(item)
                return
        if key in ("up", "k"):
            self.move(-1)
        elif key in ("down", "j"):
            self.move(1)
        elif key in ("enter",):
            if self.box.choice != -1:
                self.pick(self.box.choice)
            else:
                self.dismiss(None)
        elif key in ("escape", "q", "ctrl+c", "ctrl+g"):
            self.dismiss(None)

    def _item_at(self, event: events.MouseEvent) -> int | None:
        x, y = event.screen_x - self.position[0], event.screen_y - self.position[1]
        if 0 <= x < self.box.inner + 4 and 1 <= y <= len(self.items):
            return y - 1
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._item_at(event)
        choice = index if index is not None and self.items[index].selectable else -1
        if choice != self.box.choice:
            self.box.choice = choice
            self.box.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()
        if self._item_at(event) is None:
            self.dismiss(None)  # a click outside the menu closes it

    def on_mouse_up(self, event: events.MouseUp) -> None:
        event.stop()
        index = self._item_at(event)
        if index is not None:
            self.pick(index)

