"""The web server of ``muntin web``: textual-serve's Server behind a token on every request.

Every URL starts with the token (``/TOKEN/``, ``/TOKEN/static/...``, ``/TOKEN/ws``), so the page, its
scripts and the websocket that runs a tab all carry it, and no cookie or other ambient credential exists for
another site to borrow. A middleware compares it (constant time) before any handler runs; anything else is
403. Each accepted websocket runs one ``muntin attach`` (textual-serve's AppService), so each tab is one
client of the muntin server, and closing the tab detaches it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

from muntin.web.token import TokenFile

MAX_TABS = 16
"""Browser tabs served at once; more are refused (503), each tab being one UI process."""
WATCH_INTERVAL = 1.0
"""Seconds between looks at the token file, so a ``--revoke`` closes the tabs of the old token."""
STOP_TIMEOUT = 10.0
"""Seconds the tabs get to detach when the web server stops."""

FORBIDDEN = "muntin: forbidden: this URL's token is wrong or was revoked (use the URL 'muntin web' printed)\n"
_HEADERS = {
    # The page talks to this server only (textual-serve's page would also fetch a web font).
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                               "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
                               "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "Referrer-Policy": "no-referrer",  # the token is in the URL
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}

log = logging.getLogger("muntin.web")


class TokenServer(Server):
    """textual-serve's Server with the token in every path, a bound number of tabs, and tabs closed when
    the token is revoked or the server stops."""

    def __init__(self, command: str, *, host: str, port: int, tokens: TokenFile, title: str) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.tokens = tokens
        self.tabs: set[asyncio.Task[Any]] = set()

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        app.add_routes([
            web.get("/{token}/", self.handle_index),
            web.get("/{token}/ws", self.handle_tab),
            web.get("/{token}/static/{name:.+}", self.handle_static),
        ])
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Callable[..., Any]) -> web.StreamResponse:
        parts = request.path.split("/", 2)
        if len(parts) < 2 or not self.tokens.accepts(parts[1]):
            return web.Response(status=403, text=FORBIDDEN, headers=_HEADERS)
        if len(parts) == 2:  # /TOKEN: the page is /TOKEN/
            raise web.HTTPFound(f"/{parts[1]}/", headers=_HEADERS)
        response = await handler(request)
        if not isinstance(response, web.WebSocketResponse):
            response.headers.update(_HEADERS)
        return response

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        # Paths without scheme or host: the page works as http:// here and as https:// behind a TLS proxy
        # (a browser resolves a websocket URL against the page since 2024).
        base = f"/{request.match_info['token']}/"
        return {
            "font_size": min(max(_int(request.query.get("fontsize"), 16), 6), 64),
            "app_websocket_url": f"{base}ws",
            "config": {"static": {"url": f"{base}static/"}},
            "application": {"name": self.title},
        }

    async def handle_static(self, request: web.Request) -> web.StreamResponse:
        root = self.statics_path.resolve()
        path = (root / request.match_info["name"]).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(path)

    async def handle_tab(self, request: web.Request) -> web.StreamResponse:
        """One tab: textual-serve's websocket handler, which runs the attach command for it."""
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc != request.host:
            return web.Response(status=403, text="muntin: forbidden: a page of another site\n")
        if not web.WebSocketResponse().can_prepare(request).ok:
            return web.Response(status=400, text="muntin: a tab is a websocket: open the page instead\n")
        if len(self.tabs) >= MAX_TABS:
            return web.Response(status=503, text=f"muntin: {MAX_TABS} tabs are open already\n")
        task = asyncio.current_task()
        assert task is not None
        self.tabs.add(task)
        try:
            return await self.handle_websocket(request)
        finally:
            self.tabs.discard(task)

    async def close_tabs(self) -> None:
        """End every tab's websocket; each one's UI is told to quit, which detaches it from the server."""
        tabs = list(self.tabs)
        for task in tabs:
            task.cancel()
        if tabs:
            await asyncio.wait(tabs, timeout=STOP_TIMEOUT)

    async def watch_token(self, announce: Callable[[str], None]) -> None:
        while True:
            await asyncio.sleep(WATCH_INTERVAL)
            if self.tokens.refresh():
                await self.close_tabs()
                announce(self.url_for_token())

    def url_for_token(self) -> str:
        return f"{self.public_url}/{self.tokens.token}/"

    async def run(self, announce: Callable[[str], None]) -> None:
        """Serve until SIGINT or SIGTERM; ``announce`` gets the URL (with the real port for ``--port 0``),
        and again with the new token after a revoke."""
        runner = web.AppRunner(await self._make_app(), handle_signals=False, access_log=None)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
            port = runner.addresses[0][1]
            if port != self.port:
                self.port = port
                self.public_url = self.public_url.rsplit(":", 1)[0] + f":{port}"
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, stop.set)
            announce(self.url_for_token())
            watcher = asyncio.create_task(self.watch_token(announce))
            try:
                await stop.wait()
            finally:
                watcher.cancel()
                await self.close_tabs()
        finally:
            await runner.cleanup()


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def serve(command: str, *, host: str, port: int, url_host: str, token_file: Path, title: str,
          announce: Callable[[str], None]) -> None:
    """Run the web server in a new event loop until a signal ends it. OSError: the port cannot be bound."""
    logging.basicConfig(level=logging.WARNING, format="muntin web: %(message)s")
    os.environ["TERM"] = "xterm-256color"  # what each tab's UI draws on: xterm.js in the page
    server = TokenServer(command, host=host, port=port, tokens=TokenFile(token_file), title=title)
    server.public_url = f"http://{url_host}:{port}"
    asyncio.run(server.run(announce))
