"""`#{...}` formats for display-message and the status bar: variables, short aliases, `##`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

FORMAT_VARIABLES = ("pane_id", "pane_index", "window_index", "window_name", "session_name", "pane_pid",
                    "pane_current_command", "pane_current_path", "pane_title", "pane_width", "pane_height")

SHORT_ALIASES = {"D": "pane_id", "P": "pane_index", "I": "window_index", "W": "window_name",
                 "S": "session_name", "T": "pane_title"}

_TOKEN = re.compile(r"#(?:\{([^}]*)\}|(#)|([A-Z]))")


def format_string(template: str, values: Mapping[str, Any]) -> str:
    """`template` with `#{name}` and `#P`-style aliases replaced from `values` (unknown names become
    empty, as in tmux), `#{?name,yes,no}` choosing on a true value, and `##` a literal `#`."""

    def replace(match: re.Match[str]) -> str:
        name, hash_, short = match.groups()
        if hash_:
            return "#"
        if short:
            return str(values.get(SHORT_ALIASES.get(short, ""), "")) if short in SHORT_ALIASES else match[0]
        if name.startswith("?"):
            test, _, rest = name[1:].partition(",")
            yes, _, no = rest.partition(",")
            return yes if _truthy(values.get(test)) else no
        value = values.get(name, "")
        return "" if value is None else str(value)

    return _TOKEN.sub(replace, template)


def _truthy(value: Any) -> bool:
    return bool(value) and value not in ("0", "off")
