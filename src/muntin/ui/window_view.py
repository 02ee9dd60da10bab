"""The widget that draws one window: every pane's rows, the borders between panes and the pane titles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from muntin.ui.borders import BorderRun, border_rows
from muntin.ui.literal import visible
from muntin.layout import Rect
from muntin.ui.render import Run, StyleMapper, runs_to_strip, with_cursor


@dataclass(slots=True)
class PaneView:
    """What the UI knows of one pane: its rows (runs), cursor, title, and its cached strips."""

    id: int
    rect: Rect
    rows: list[list[Run]] = field(default_factory=list)
    cursor: tuple[int, int] = (0, 0)
    cursor_visible: bool = True
    title: str = ""
    strips: dict[int, Strip] = field(default_factory=dict)
    copy: CopyView | None = None


@dataclass(frozen=True, slots=True)
class FloatingView:
    """A pane drawn over the tiled ones (a popup): its content rectangle, inside its border if it has one."""

    rect: Rect
    title: str = ""
    popup: bool = False
    border: bool = True

    def frame(self) -> Rect:
        """The rectangle with its border."""
        edge = 1 if self.border else 0
        r = self.rect
        return Rect(r.x - edge, r.y - edge, r.width + 2 * edge, r.height + 2 * edge)


@dataclass(frozen=True, slots=True)
class CopyView:
    """A pane in copy mode: where the view is in the history and what to highlight on which row."""

    position: str = ""
    marks: Mapping[int, tuple[tuple[int, int, str], ...]] = field(default_factory=dict)
    message: str | None = None

    @classmethod
    def from_wire(cls, data: Mapping) -> CopyView:
        marks: dict[int, list[tuple[int, int, str]]] = {}
        for y, start, end, kind in data.get("marks", ()):
            marks.setdefault(int(y), []).append((int(start), int(end), str(kind)))
        return cls(str(data.get("position", "")), {y: tuple(m) for y, m in marks.items()}, data.get("message"))


@dataclass(frozen=True, slots=True)
class BorderStyles:
    inactive: RichStyle
    active: RichStyle
    title_inactive: RichStyle
    title_active: RichStyle
    selection: RichStyle = RichStyle(reverse=True)
    match: RichStyle = RichStyle(color="black", bgcolor="yellow")
    current_match: RichStyle = RichStyle(color="bright_white", bgcolor="bright_red")
    position: RichStyle = RichStyle(color="black", bgcolor="yellow")


class WindowView(Widget):
    """Draws a window with the Line API: each screen row is joined from cached per-pane strips and borders.

    ``border_status`` is tmux's ``pane-border-status``. With ``top`` (muntin's default) row 0 is a title
    line; pane rectangles are given relative to the area below it, so a pane at the top of the window has its
    title on row 0 and every other pane on the border line above it. With ``bottom`` the title line is the
    last row and each pane's title is on the line below it; with ``off`` there is no title line, no titles,
    and the panes start on row 0.
    """

    DEFAULT_CSS = """
    WindowView { width: 1fr; height: 1fr; }
    """

    def __init__(self, styles: StyleMapper, border_styles: BorderStyles, **kwargs) -> None:
        super().__init__(**kwargs)
        self.styles_map = styles
        self.border_styles = border_styles
        self.panes: dict[int, PaneView] = {}
        self.floating: dict[int, FloatingView] = {}
        self.active: int | None = None
        self.show_cursor = True
        self.border_status = "top"
        self._border_rows: list[list[BorderRun]] = []
        self._row_plan: list[list[tuple[int, int | BorderRun]]] = []
        self._line_cache: dict[int, Strip] = {}
        self._area = Size(0, 0)

    # -- model updates -------------------------------------------------------------------------------

    def set_layout(self, area: Size, panes: Mapping[int, Rect], active: int | None,
                   floating: Mapping[int, FloatingView] | None = None) -> None:
        """Replace the arrangement (panes keep their rows when they keep their id); ``floating`` panes are
        drawn over the others, each in its own border, the last on top."""
        old = self.panes
        self.floating = dict(floating or {})
        tiled = dict(panes)
        panes = {**tiled, **{pid: f.rect for pid, f in self.floating.items()}}
        self.panes = {pid: old.get(pid) or PaneView(pid, rect) for pid, rect in panes.items()}
        for pid, rect in panes.items():
            view = self.panes[pid]
            if view.rect != rect:
                view.rect = rect
                view.strips.clear()
        if active != self.active:
            for pid in (self.active, active):
                if pid in self.panes:
                    self.panes[pid].strips.clear()
        self.active = active
        self._area = area
        self._border_rows = border_rows(area.width, area.height, tiled, active)
        self._plan_rows()
        self._line_cache.clear()
        self.refresh()

    @property
    def top(self) -> int:
        """The screen row of the layout area's row 0: 1 below a top title line, else 0."""
        return 1 if self.border_status == "top" else 0

    def set_border_status(self, position: str) -> None:
        """Titles above the panes (``top``), below them (``bottom``) or none (``off``): every row drawn again."""
        if position != self.border_status:
            self.border_status = position
            self._line_cache.clear()
            self.refresh()

    def set_show_cursor(self, on: bool) -> None:
        """Draw the active pane's cursor as a reverse cell, or not (the terminal's own cursor shows it)."""
        if on != self.show_cursor:
            self.show_cursor = on
            for view in self.panes.values():
                view.strips.clear()
            self._line_cache.clear()
            self.refresh()

    def _title_row(self, view: PaneView) -> int | None:
        """The layout-area row that carries a pane's title, if titles are shown."""
        return {"top": view.rect.y - 1, "bottom": view.rect.y + view.rect.height}.get(self.border_status)

    def set_active(self, active: int | None) -> None:
        if active != self.active:
            self.set_layout(self._area, {pid: view.rect for pid, view in self.panes.items()
                                         if pid not in self.floating}, active, self.floating)

    def set_styles(self, styles: StyleMapper, border_styles: BorderStyles) -> None:
        """A new palette and border styles (a theme change): every cached strip is drawn again."""
        self.styles_map = styles
        self.border_styles = border_styles
        for view in self.panes.values():
            view.strips.clear()
        self._line_cache.clear()
        self.refresh()

    def update_rows(self, pane_id: int, rows: Mapping[int, list[Run]]) -> None:
        """New content for some rows of a pane; only those screen rows are redrawn."""
        view = self.panes.get(pane_id)
        if view is None:
            return
        needed = view.rect.height
        if len(view.rows) < needed:
            view.rows.extend([] for _ in range(needed - len(view.rows)))
        changed = []
        for y, runs in rows.items():
            if 0 <= y < len(view.rows):
                view.rows[y] = runs
                view.strips.pop(y, None)
                changed.append(view.rect.y + y)
        self._invalidate(*changed)  # one refresh for all of them: Textual's cost is per call

    def update_cursor(self, pane_id: int, cursor: tuple[int, int], visible: bool) -> None:
        view = self.panes.get(pane_id)
        if view is None:
            return
        old_y = view.cursor[1]
        view.cursor, view.cursor_visible = cursor, visible
        for y in {old_y, cursor[1]}:
            view.strips.pop(y, None)
            self._invalidate(view.rect.y + y)

    def update_copy(self, pane_id: int, copy: CopyView | None) -> None:
        """Copy mode's marks and position for a pane (None: the pane left copy mode)."""
        view = self.panes.get(pane_id)
        if view is None or view.copy == copy:
            return
        old = view.copy
        view.copy = copy
        rows = {0} | set(old.marks if old else ()) | set(copy.marks if copy else ())
        for y in rows:
            view.strips.pop(y, None)
            self._invalidate(view.rect.y + y)

    def update_title(self, pane_id: int, title: str) -> None:
        view = self.panes.get(pane_id)
        if view is not None and view.title != title:
            view.title = title
            if pane_id in self.floating:  # on its own border
                self._invalidate(self.floating[pane_id].frame().y)
                return
            row = self._title_row(view)
            if row is not None:
                self._invalidate(row)

    # -- drawing -------------------------------------------------------------------------------------

    def _plan_rows(self) -> None:
        """For each row of the layout area, what covers it from left to right: pane ids and border runs."""
        plan: list[list[tuple[int, int | BorderRun]]] = []
        for y in range(self._area.height):
            pieces: list[tuple[int, int | BorderRun]] = [(run.x, run) for run in self._border_rows[y]]
            pieces += [(view.rect.x, pid) for pid, view in self.panes.items()
                       if view.rect.y <= y < view.rect.y + view.rect.height and pid not in self.floating]
            pieces.sort(key=lambda piece: piece[0])
            plan.append(pieces)
        self._row_plan = plan

    def _invalidate(self, *area_ys: int) -> None:
        regions = []
        width = self.size.width
        for area_y in area_ys:
            screen_y = area_y + self.top
            self._line_cache.pop(screen_y, None)
            regions.append(Region(0, screen_y, width, 1))
        if regions:
            self.refresh(*regions)

    def _pane_strip(self, view: PaneView, y: int) -> Strip:
        strip = view.strips.get(y)
        if strip is None:
            runs = view.rows[y] if y < len(view.rows) else []
            strip = runs_to_strip(runs, view.rect.width, self.styles_map)
            if view.copy is not None:
                strip = self._copy_marks(strip, view.copy, y)
            if (view.id == self.active and self.show_cursor and view.cursor_visible
                    and view.cursor[1] == y):
                strip = with_cursor(strip, view.cursor[0])
            view.strips[y] = strip
        return strip

    def _copy_marks(self, strip: Strip, copy: CopyView, y: int) -> Strip:
        """Selection and search matches restyled, and the position indicator at the right of row 0."""
        styles = self.border_styles
        kinds = {"selection": styles.selection, "match": styles.match, "current": styles.current_match}
        width = strip.cell_length
        for start, end, kind in sorted(copy.marks.get(y, ()), key=lambda m: m[2] == "selection"):
            start, end = max(start, 0), min(end, width)
            if end <= start:
                continue
            before, middle, after = strip.crop(0, start), strip.crop(start, end), strip.crop(end, width)
            strip = Strip.join([before, middle.apply_style(kinds.get(kind, styles.selection)), after])
        if y == 0:
            label = visible(copy.message or copy.position or "")
            if label and len(label) <= width:
                x = width - len(label)
                strip = Strip.join([strip.crop(0, x), Strip([Segment(label, styles.position)], len(label))])
        return strip

    def _title_line(self, area_y: int) -> Strip:
        """The title line (row 0, or the last row with ``bottom``): a border with the titles of the panes
        that touch that edge of the window."""
        width = self._area.width
        cells = [Segment("─" * width, self.border_styles.inactive)]
        strip = Strip(cells, width)
        return self._overlay_titles(strip, area_y)

    def _overlay_titles(self, strip: Strip, area_y: int) -> Strip:
        """The titles of the panes whose title row is ``area_y`` written over that row's border."""
        if self.border_status == "off":
            return strip
        for view in self.panes.values():
            if self._title_row(view) == area_y and view.title and view.id not in self.floating:
                active = view.id == self.active
                label = f" {visible(view.title)} "[: max(view.rect.width - 2, 0)]
                if not label.strip():
                    continue
                style = self.border_styles.title_active if active else self.border_styles.title_inactive
                x = view.rect.x + 1
                strip = Strip.join([strip.crop(0, x), Strip([Segment(label, style)]),
                                    strip.crop(x + len(label), strip.cell_length)])
        return strip

    def render_line(self, y: int) -> Strip:
        cached = self._line_cache.get(y)
        if cached is not None:
            return cached
        width = self.size.width
        area_y = y - self.top
        if self.border_status != "off" and area_y in (-1, self._area.height):
            strip = self._title_line(area_y)
        elif 0 <= area_y < len(self._row_plan):
            parts: list[Strip] = []
            for _, piece in self._row_plan[area_y]:
                if isinstance(piece, BorderRun):
                    styles = self.border_styles
                    parts.append(Strip([Segment(ch, styles.active if hot else styles.inactive)
                                        for ch, hot in zip(piece.text, piece.active)]).simplify())
                else:
                    view = self.panes[piece]
                    parts.append(self._pane_strip(view, area_y - view.rect.y))
            strip = Strip.join(parts)
            strip = self._overlay_titles(strip, area_y)
            if self.floating:
                strip = self._overlay_floating(strip.crop_extend(0, width, None), area_y)
        else:
            strip = Strip([])
        strip = strip.crop_extend(0, width, None) if strip.cell_length != width else strip
        self._line_cache[y] = strip
        return strip

    def _overlay_floating(self, strip: Strip, area_y: int) -> Strip:
        """The floating panes' rows (and borders) on ``area_y`` over the tiled ones, the topmost last."""
        for pid, floating in self.floating.items():
            frame = floating.frame()
            if not frame.y <= area_y < frame.y + frame.height:
                continue
            view = self.panes[pid]
            style = self.border_styles.active if pid == self.active else self.border_styles.inactive
            inner = frame.width - 2
            if floating.border and area_y == frame.y:
                title = visible(floating.title or ("" if floating.popup else view.title))[: max(inner - 2, 0)]
                label = f" {title} " if title else ""
                style_title = self.border_styles.title_active if pid == self.active else self.border_styles.title_inactive
                piece = Strip([Segment("┌─", style), Segment(label, style_title),
                               Segment("─" * max(inner - 1 - len(label), 0) + "┐", style)]).crop(0, frame.width)
            elif floating.border and area_y == frame.y + frame.height - 1:
                piece = Strip([Segment("└" + "─" * inner + "┘", style)])
            else:
                row = self._pane_strip(view, area_y - view.rect.y)
                row = row.crop_extend(0, view.rect.width, None)
                piece = Strip.join([Strip([Segment("│", style)]), row, Strip([Segment("│", style)])]) \
                    if floating.border else row
            x = frame.x
            strip = Strip.join([strip.crop(0, x), piece, strip.crop(x + piece.cell_length, strip.cell_length)])
        return strip

    def floating_at(self, x: int, y: int) -> tuple[int, str] | None:
        """The floating pane under a screen cell, topmost first, and which part: ``title`` (its top
        border), ``corner`` (its bottom-right corner), ``border`` or ``inside``."""
        area_y = y - self.top
        for pid, floating in reversed(self.floating.items()):
            frame = floating.frame()
            if frame.contains(x, area_y):
                if not floating.border:
                    return pid, "inside"
                if (x, area_y) == (frame.x + frame.width - 1, frame.y + frame.height - 1):
                    return pid, "corner"
                if area_y == frame.y:
                    return pid, "title"
                return pid, "inside" if floating.rect.contains(x, area_y) else "border"
        return None

    def pane_at(self, x: int, y: int) -> int | None:
        """The pane under a screen cell of this widget, if any (a floating one over the tiled ones)."""
        found = self.floating_at(x, y)
        if found is not None:
            return found[0] if found[1] == "inside" else None
        for pid, view in self.panes.items():
            if view.rect.contains(x, y - self.top):
                return pid
        return None
