"""The live model: Pane (Child + Terminal), Window (layout + panes), Session (windows), and target lookup."""

from __future__ import annotations

from muntin.session.model import WINDOW_MAXIMUM, Floating, Model, ModelView, Placement, Session, Window, clamp_size
from muntin.session.pane import INPUT_LIMIT, Pane, PaneCommand, PaneState, RemainOnExit, command_argv, \
    default_command, pane_command

__all__ = ["INPUT_LIMIT", "WINDOW_MAXIMUM", "Floating", "Model", "ModelView", "Pane", "PaneCommand", "PaneState",
           "Placement", "RemainOnExit", "Session", "Window", "clamp_size", "command_argv", "default_command",
           "pane_command"]
