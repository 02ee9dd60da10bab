"""Line numbers of TOML syntax errors, for ``FILE:LINE:`` messages (key lines come from ``_tomlpos``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tomllib

_ERROR_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)")


def syntax_error_line(error: tomllib.TOMLDecodeError) -> int:
    """The line tomllib names in its message (``... (at line 3, column 5)``), else 0."""
    match = _ERROR_LINE.search(str(error))
    return int(match.group(1)) if match else 0


def syntax_error_message(error: tomllib.TOMLDecodeError) -> str:
    """tomllib's message without the position, which goes into the ``FILE:LINE:`` prefix."""
    message = _ERROR_LINE.sub("", str(error)).strip() or "invalid TOML"
    return f"TOML syntax error: {message[0].lower()}{message[1:]}"
