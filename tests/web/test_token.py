"""The browser client's token: random, private on disk, compared in constant time, replaced by --revoke."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from muntin.web.token import (TokenError, TokenFile, load_or_create, matches, new_token, read_token, token_path,
                              write_token)


def test_tokens_are_random_and_url_safe() -> None:
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    for token in tokens:
        assert len(token) == 43 and token.replace("-", "").replace("_", "").isalnum()


@pytest.mark.parametrize(("given", "expected"), [
    ("abc", True), ("abd", False), ("ab", False), ("abcd", False), ("", False), (None, False),
    ("ABC", False), ("ab\u00e9", False), ("ab\udcff", False),
])
def test_matches_only_the_token_itself(given: str | None, expected: bool) -> None:
    assert matches(given, "abc") is expected


def test_the_token_file_is_private_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "state" / "muntin" / "web-token"
    token = load_or_create(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert load_or_create(path) == token == read_token(path)
    assert write_token(path) != token  # revoked
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["web-token"]  # no spare file left


def test_the_token_file_is_in_the_state_folder() -> None:
    assert token_path({"XDG_STATE_HOME": "/x/state", "HOME": "/home/u"}) == Path("/x/state/muntin/web-token")
    assert token_path({"HOME": "/home/u"}) == Path("/home/u/.local/state/muntin/web-token")


def test_a_token_file_others_can_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "web-token"
    write_token(path)
    os.chmod(path, 0o644)
    with pytest.raises(TokenError, match="readable by other users.*--revoke"):
        read_token(path)
    write_token(path)  # --revoke mends it
    assert read_token(path)


def test_a_link_or_a_bad_file_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    write_token(real)
    link = tmp_path / "web-token"
    link.symlink_to(real)
    with pytest.raises(TokenError, match="cannot read"):
        read_token(link)
    bad = tmp_path / "bad"
    bad.write_text("not a token\n")
    os.chmod(bad, 0o600)
    with pytest.raises(TokenError, match="holds no token"):
        read_token(bad)
    assert read_token(tmp_path / "missing") is None


def test_a_running_server_sees_the_revoke(tmp_path: Path) -> None:
    path = tmp_path / "web-token"
    tokens = TokenFile(path)
    old = tokens.token
    assert tokens.accepts(old) and not tokens.refresh()
    new = write_token(path)
    assert tokens.refresh()
    assert tokens.accepts(new) and not tokens.accepts(old)
    assert not tokens.refresh()


def test_a_token_file_removed_or_spoiled_accepts_nothing(tmp_path: Path) -> None:
    path = tmp_path / "web-token"
    tokens = TokenFile(path)
    old = tokens.token
    path.unlink()
    assert tokens.refresh()
    assert not tokens.accepts(old)
    path.write_text(old + "\n")
    os.chmod(path, 0o666)  # readable by others: not trusted
    tokens.refresh()
    assert not tokens.accepts(old)
