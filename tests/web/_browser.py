"""Headless Chromium (Debian's package) driven over the DevTools protocol with aiohttp, for the browser tests.

The page of ``muntin web`` draws with xterm.js on a canvas, so its text is not in the DOM: ``terminal_text``
reads the rows of the xterm.js terminal the page made (found once on the JavaScript heap), which is what the
canvas shows.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import aiohttp

from _deadline import poll_until_async

CHROMIUM = shutil.which("chromium")
FLAGS = [
    # As root, on a closed network: without these it stalls on the sandbox, the GPU or a fetch it retries.
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]

_FIND_TERMINAL = """function () {
    for (const o of this) {
        try {
            if (o && o.cols && o.buffer && o.buffer.active && typeof o.buffer.active.getLine === 'function') {
                window.__muntinTerminal = o;
                return true;
            }
        } catch (e) {}
    }
    return false;
}"""
_ROWS = """(() => {
    const t = window.__muntinTerminal;
    if (!t) return null;
    const b = t.buffer.active, rows = [];
    for (let y = 0; y < t.rows; y++) {
        const line = b.getLine(b.viewportY + y);
        rows.push(line ? line.translateToString(true) : '');
    }
    return rows.join('\\n');
})()"""


class Browser:
    """One headless Chromium with one page; ``async with Browser() as browser``; everything it started is
    ended at exit (its whole process group)."""

    def __init__(self, width: int = 1000, height: int = 500) -> None:
        assert CHROMIUM is not None
        self.size = (width, height)
        self.dir = Path(tempfile.mkdtemp(prefix="muntin-chromium-"))
        self.process: subprocess.Popen[bytes] | None = None
        self.http: aiohttp.ClientSession | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self._ids = itertools.count(1)
        self._lock = asyncio.Lock()

    async def __aenter__(self) -> Browser:
        try:
            await self._start()
        except BaseException:
            await self.close()
            raise
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    async def _start(self) -> None:
        profile = self.dir / "profile"
        with open(self.dir / "chromium.log", "wb") as log:
            self.process = subprocess.Popen(
                [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--window-size={self.size[0]},{self.size[1]}",
                 "about:blank"], stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
        port_file = profile / "DevToolsActivePort"

        async def port() -> int | None:
            if self.process.poll() is not None:
                raise AssertionError(f"chromium exited: {(self.dir / 'chromium.log').read_text()[-2000:]}")
            try:
                first = port_file.read_text().split("\n")[0]
            except OSError:
                return None
            return int(first) if first.isdigit() else None

        found = await poll_until_async(port, timeout=30, interval=0.05)
        assert found, f"chromium never listened: {(self.dir / 'chromium.log').read_text()[-2000:]}"
        self.http = aiohttp.ClientSession()

        async def page() -> str | None:
            async with self.http.get(f"http://127.0.0.1:{found}/json/list") as response:
                targets = await response.json()
            return next((t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page"), None)

        url = await poll_until_async(page, timeout=15, interval=0.05)
        assert url, "chromium has no page"
        self.ws = await self.http.ws_connect(url, max_msg_size=0)
        await self.call("Page.enable")
        await self.call("Emulation.setFocusEmulationEnabled", enabled=True)  # keys reach a page in the background

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        """One DevTools command and its result (events in between are not needed here)."""
        assert self.ws is not None
        async with self._lock:
            number = next(self._ids)
            await self.ws.send_json({"id": number, "method": method, "params": params})
            async for message in self.ws:
                data = json.loads(message.data)
                if data.get("id") == number:
                    if "error" in data:
                        raise RuntimeError(f"{method}: {data['error']}")
                    return data["result"]
        raise ConnectionError("the DevTools connection closed")

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def open(self, url: str) -> None:
        await self.call("Page.navigate", url=url)

    async def body_text(self) -> str:
        return await self.evaluate("document.body ? document.body.innerText : ''") or ""

    async def body_classes(self) -> str:
        return await self.evaluate("document.body ? document.body.className : ''") or ""

    async def terminal_text(self) -> str | None:
        """The rows the page's terminal shows; None until it has one."""
        text = await self.evaluate(_ROWS)
        if text is None and "-first-byte" in await self.body_classes():
            prototype = await self.call("Runtime.evaluate", expression="Object.prototype")
            objects = await self.call("Runtime.queryObjects", prototypeObjectId=prototype["result"]["objectId"])
            await self.call("Runtime.callFunctionOn", objectId=objects["objects"]["objectId"],
                            functionDeclaration=_FIND_TERMINAL, returnByValue=True)
            await self.call("Runtime.releaseObjectGroup", objectGroup="")
            text = await self.evaluate(_ROWS)
        return text

    async def type(self, text: str) -> None:
        """Type ``text`` into the terminal (its hidden textarea has the keyboard), as a paste-free insert."""
        await self.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        await self.call("Input.insertText", text=text)

    async def press_enter(self) -> None:
        for kind in ("keyDown", "keyUp"):
            await self.call("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter",
                            windowsVirtualKeyCode=13, **({"text": "\r"} if kind == "keyDown" else {}))

    async def screenshot(self, path: Path) -> None:
        shot = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.http is not None:
            await self.http.close()
        if self.process is not None:
            _end_group(self.process)
        shutil.rmtree(self.dir, ignore_errors=True)


def _end_group(process: subprocess.Popen[bytes]) -> None:
    """End the browser's process group (started for it): SIGTERM, then SIGKILL for whatever is left of it
    (renderers, the GPU process); the browser itself is reaped."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(10)
