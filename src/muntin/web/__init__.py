"""``muntin web``: the UI in a browser (textual-serve); every browser tab is one client of the running server.

What the command line says is checked here without the web packages (they are the optional extra
``muntin[web]``); ``muntin.web._serve`` runs the web server itself.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

DEFAULT_BIND = "127.0.0.1"
DEFAULT_PORT = 7681
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
"""The Textual driver textual-serve names in ``TEXTUAL_DRIVER`` for the UI it starts for each tab."""

REMOTE_REFUSED = (
    "refusing to serve on {bind}, which is not a loopback address: muntin web speaks plain HTTP, so anyone "
    "on the network path can read the token in the URL and everything you type, and with the token they "
    "have your shell. Put it behind a TLS proxy (or an ssh tunnel: ssh -L 7681:127.0.0.1:7681 host) and "
    "keep --bind 127.0.0.1; pass --allow-remote only if you accept that")
REMOTE_WARNING = ("serving plain HTTP on {bind} (--allow-remote): the token and every key typed cross the "
                  "network unencrypted unless a TLS proxy is in front")
NO_EXTRA = "the browser client needs textual-serve: pip install 'muntin[web]'"


class UsageError(ValueError):
    """The command line of ``muntin web`` is wrong: the message says how."""


@dataclass(frozen=True)
class WebOptions:
    bind: str = DEFAULT_BIND
    port: int = DEFAULT_PORT
    allow_remote: bool = False
    revoke: bool = False
    session: str | None = None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad port {text!r}: a number from 0 to 65535") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"bad port {port}: a number from 0 to 65535")
    return port


def _parser() -> _Parser:
    parser = _Parser(prog="muntin web", add_help=False,
                     description="Serve the UI in a browser: each tab is one client attached to the running server.")
    parser.add_argument("--bind", default=DEFAULT_BIND, metavar="ADDRESS",
                        help=f"the address to listen on (default {DEFAULT_BIND}; others need --allow-remote)")
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT,
                        help=f"the TCP port (default {DEFAULT_PORT}; 0 picks a free one)")
    parser.add_argument("--allow-remote", action="store_true",
                        help="allow an address other than loopback (plain HTTP: use a TLS proxy)")
    parser.add_argument("--revoke", action="store_true",
                        help="make a new token: the old URL stops working and its open tabs are closed")
    parser.add_argument("-t", dest="session", metavar="SESSION",
                        help="the session each tab attaches to (default: the most recent one)")
    parser.add_argument("--help", action="store_true", help="show this help")
    return parser


def usage() -> str:
    return _parser().format_help()


def parse_web_args(words: list[str]) -> WebOptions | None:
    """``muntin web`` options (``words`` after ``web``); None for ``--help``. A UsageError says what is
    wrong, including an address other than loopback without ``--allow-remote``."""
    args = _parser().parse_args(words)
    if args.help:
        return None
    if args.revoke and len(words) > 1:
        raise UsageError("--revoke takes no other option")
    if not args.allow_remote and not is_loopback(args.bind):
        raise UsageError(REMOTE_REFUSED.format(bind=args.bind))
    return WebOptions(bind=args.bind, port=args.port, allow_remote=args.allow_remote, revoke=args.revoke,
                      session=args.session)


def is_loopback(host: str) -> bool:
    """Whether ``host`` can only be reached from this machine: ``localhost`` or a loopback address."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything


def attach_command(socket: Path, session: str | None, *, config: str | None = None,
                   theme: str | None = None) -> str:
    """The shell command textual-serve runs for each tab: this muntin's UI attaching to the server at
    ``socket`` (an absolute path, so ``-L`` and ``-S`` both name the same server)."""
    words = [sys.executable, "-m", "muntin", "-S", os.path.abspath(socket)]
    if config:
        words += ["-f", config]
    if theme:
        words += ["--theme", theme]
    words.append("attach")
    if session:
        words += ["-t", session]
    return shlex.join(words)


def url_host(bind: str) -> str:
    """``bind`` as the host part of a URL (IPv6 in brackets; the wildcard addresses as loopback)."""
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(bind, bind)
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


__all__ = ["DEFAULT_BIND", "DEFAULT_PORT", "NO_EXTRA", "REMOTE_REFUSED", "REMOTE_WARNING", "UsageError", "WEB_DRIVER",
           "WebOptions", "attach_command", "is_loopback", "parse_web_args", "url_host", "usage"]
