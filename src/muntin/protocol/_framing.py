"""Length-prefixed frames: a 4-byte big-endian length, then a compact JSON object."""

from __future__ import annotations

import json
import struct
from typing import Any

HEADER = struct.Struct(">I")
MAX_FRAME = 8 * 1024 * 1024
"""The largest body either side accepts; a bigger announced length is an error, not an allocation."""


class ProtocolError(ValueError):
    """The peer sent something that is not a valid muntin frame or message."""


def encode_frame(message: dict[str, Any]) -> bytes:
    """One message as a frame ready to write."""
    body = json.dumps(message, separators=(",", ":"), ensure_ascii=False).encode()
    if len(body) > MAX_FRAME:
        raise ProtocolError(f"message of {len(body)} bytes is over the {MAX_FRAME}-byte frame limit")
    return HEADER.pack(len(body)) + body


def decode_body(body: bytes) -> dict[str, Any]:
    try:
        message = json.loads(body)
    except (UnicodeDecodeError, ValueError) as error:
        raise ProtocolError(f"malformed frame: {error}") from None
    if not isinstance(message, dict):
        raise ProtocolError("malformed frame: the body is not an object")
    return message


class FrameDecoder:
    """Splits a byte stream into message bodies; ``feed`` returns the complete ones and keeps the rest."""

    def __init__(self, max_frame: int = MAX_FRAME) -> None:
        self.max_frame = max_frame
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[dict[str, Any]]:
        self._buffer += data
        out: list[dict[str, Any]] = []
        while len(self._buffer) >= HEADER.size:
            (length,) = HEADER.unpack_from(self._buffer)
            if length > self.max_frame:
                raise ProtocolError(f"frame of {length} bytes is over the {self.max_frame}-byte limit")
            end = HEADER.size + length
            if len(self._buffer) < end:
                break
            body = bytes(self._buffer[HEADER.size:end])
            del self._buffer[:end]
            out.append(decode_body(body))
        return out

    @property
    def pending(self) -> int:
        """Bytes of an incomplete frame held back (non-zero at end of stream means it was truncated)."""
        return len(self._buffer)
