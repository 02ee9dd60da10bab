"""``muntin web`` in a real browser: headless Chromium opens the printed URL, shows the session's prompt,
types a command and shows its output; the tab is one client of the server; a wrong token gets nothing; a
revoked token closes the tab.

``MUNTIN_BROWSER_SCREENSHOT=screenshots/browser.png python -m pytest tests/web/test_browser.py`` also saves
the page as the README's picture.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
import pytest
from yarl import URL

from _deadline import poll_until, poll_until_async
from server._mux import Mux, mux  # noqa: F401 - the fixture
from web._browser import CHROMIUM, Browser

pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs it)"),
              pytest.mark.timeout(180)]  # a browser, a web server and a UI start on a loaded machine

PROMPT = "web-ready> "
SERVING = re.compile(r"muntin web: serving .* on (http://\S+/)$")


class WebServer:
    """``muntin -S SOCK web --port 0`` as a process of the test; its URLs are read from what it prints."""

    def __init__(self, mux: Mux, env: dict[str, str] | None = None) -> None:
        self.out = mux.dir / "web.out"
        with open(self.out, "wb") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "muntin", "-S", str(mux.sock), "web", "--port", "0"],
                                            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                            env={**os.environ, **(env or {})})

    def urls(self) -> list[str]:
        return [m.group(1) for line in self.out.read_text().splitlines() if (m := SERVING.match(line))]

    def wait_url(self, count: int = 1) -> str:
        found = poll_until(lambda: len(self.urls()) >= count or self.process.poll() is not None, timeout=30)
        assert found and self.process.poll() is None, f"muntin web did not serve: {self.out.read_text()}"
        return self.urls()[count - 1]

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
            raise AssertionError(f"muntin web did not stop on SIGTERM: {self.out.read_text()}") from None


@contextmanager
def web_server(mux: Mux, env: dict[str, str] | None = None) -> Iterator[WebServer]:
    server = WebServer(mux, env)
    try:
        yield server
    finally:
        server.stop()


def clients(mux: Mux) -> list[str]:
    return mux("list-clients", "-F", "#{client_session}").output.split()


def start_session(mux: Mux) -> None:
    mux("new", "-d", "-s", "web", "-x", "100", "-y", "30", "-e", f"PS1={PROMPT}", "-e", "ENV=", "/bin/sh")
    mux.wait_text("web", "web-ready>")


async def status(url: str) -> int:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return response.status


async def websocket_refused(url: str, **headers: str) -> int | None:
    """The HTTP status a websocket handshake to ``url`` is refused with; None if it was accepted."""
    async with aiohttp.ClientSession() as http:
        try:
            async with http.ws_connect(url, headers=headers):
                return None
        except aiohttp.WSServerHandshakeError as error:
            return error.status


async def test_a_tab_shows_the_session_and_types_into_it(mux: Mux) -> None:
    start_session(mux)
    with web_server(mux) as web:
        async with Browser() as browser:  # starting while muntin web starts
            url = web.wait_url()
            await browser.open(url)

            async def shows(text: str) -> bool:
                return text in (await browser.terminal_text() or "")

            assert await poll_until_async(lambda: shows(PROMPT.strip()), timeout=30), await browser.terminal_text()
            assert poll_until(lambda: clients(mux) == ["web"], timeout=10), clients(mux)  # the tab is one client
            await browser.type("echo hello-$((6*7))")
            await browser.press_enter()
            assert await poll_until_async(lambda: shows("hello-42"), timeout=20), await browser.terminal_text()
            mux.wait_text("web", "^hello-42")
            assert "hello-42" in mux.screen("web")
            if target := os.environ.get("MUNTIN_BROWSER_SCREENSHOT"):
                await browser.screenshot(Path(target))


            # Revoked: the running server prints the new URL and closes the tab, which detaches.
            revoked = mux.cli("web", "--revoke")
            assert revoked.returncode == os.EX_OK, revoked.stderr
            new_url = web.wait_url(2)
            assert new_url != url
            assert await poll_until_async(lambda: _contains(browser.body_classes(), "-closed"), timeout=20)
            assert poll_until(lambda: clients(mux) == [], timeout=20), clients(mux)
            # The old token now gets a 403 in the browser too, and no client.
            await browser.open(url)
            assert await poll_until_async(lambda: _contains(browser.body_text(), "forbidden"), timeout=15)
            assert await status(url) == 403
            assert await status(new_url) == 200
            assert clients(mux) == []
        assert web.stop() == 0
        assert "Traceback" not in web.out.read_text(), web.out.read_text()


async def _contains(text, needle: str) -> bool:
    return needle in (await text or "")


async def test_a_wrong_or_missing_token_gets_nothing(mux: Mux) -> None:
    start_session(mux)
    inside = {"MUNTIN": f"{mux.sock},{mux.server_pid},$1"}  # run from a pane: its tabs are no nested clients
    with web_server(mux, inside) as web:
        url = web.wait_url()
        root = url.rstrip("/").rsplit("/", 1)[0]
        token = url.rstrip("/").rsplit("/", 1)[1]
        ws = url.replace("http://", "ws://") + "ws"
        assert await status(url) == 200
        assert await status(url + "static/js/textual.js") == 200
        assert await status(url.rstrip("/")) == 200  # redirected to the page
        assert await status(url + "ws") == 400  # not a websocket: said, no program started
        for bad in (root + "/", root + "/ws", root + "/static/js/textual.js", f"{root}/{token[:-1]}/",
                    f"{root}/{token}x/", f"{root}/{token[:-1]}/ws", f"{root}/{token.upper()}/"):
            assert await status(bad) == 403, bad
        async with aiohttp.ClientSession() as http:  # sent as written: no file outside the static folder
            for escape in ("static/%2e%2e/%2e%2e/server.py", "static/..%2f..%2fserver.py", "static/%2fetc%2fpasswd"):
                async with http.get(URL(url + escape, encoded=True)) as response:
                    assert response.status == 404, escape
        assert await websocket_refused(ws.replace(token, "x" * len(token))) == 403
        assert await websocket_refused(root.replace("http://", "ws://") + "/ws") == 403
        # A page of another site that has the token still cannot open a tab (cross-site websocket).
        assert await websocket_refused(ws, Origin="http://evil.example") == 403
        assert clients(mux) == []
        # A tab open when the server is stopped is closed and detached first: nothing is left running.
        async with aiohttp.ClientSession() as http, http.ws_connect(ws + "?width=90&height=20") as tab:
            assert poll_until(lambda: clients(mux) == ["web"], timeout=20), clients(mux)
            web.process.send_signal(signal.SIGTERM)
            while (await tab.receive(timeout=20)).type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                pass  # what the UI drew before it quit
        assert web.stop() == 0
        assert "Traceback" not in web.out.read_text(), web.out.read_text()
        assert clients(mux) == []
