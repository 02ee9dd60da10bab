"""Text from programs, users and files as the UI shows it: never Textual markup, control characters visible."""

from __future__ import annotations

from rich.style import Style as RichStyle
from rich.text import Text

# C0 controls and DEL in caret notation (ESC is ^[, BEL ^G, CR ^M, TAB ^I), as `cat -v` shows them; C1
# controls as the 7-bit escape that means the same (0x9b, CSI, is ^[[). Nothing a terminal acts on is left.
_VISIBLE = {code: f"^{chr(code + 0x40)}" for code in range(0x20)}
_VISIBLE[0x7F] = "^?"
_VISIBLE.update({code: f"^[{chr(code - 0x40)}" for code in range(0x80, 0xA0)})


def visible(text: str) -> str:
    """``text`` with every control character replaced by its caret form, safe to write to a terminal."""
    return text.translate(_VISIBLE)


def literal(text: str, style: str | RichStyle = "") -> Text:
    """``text`` as a Rich Text shown exactly as it reads: markup such as ``[b]`` or ``[/]`` stays literal."""
    return Text(visible(text), style=style)


def literal_content(text: str):
    """``text`` as Textual Content (for widgets that would parse a string as markup)."""
    from textual.content import Content

    return Content(visible(text))
