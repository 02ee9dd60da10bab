"""Every shipped theme turns into UI styles; the default theme leaves base colours to the outer terminal."""

from __future__ import annotations

from rich.color import ColorType

from muntin.config.theme import get_theme, load_themes, theme_names
from muntin.emulator import Style
from muntin.ui.theming import border_styles, status_styles, style_mapper


def test_every_shipped_theme_maps_to_styles() -> None:
    result = load_themes(register=True)
    assert not result.failed
    assert len(theme_names()) >= 6
    for name in theme_names():
        theme = get_theme(name)
        mapper = style_mapper(theme)
        red = mapper(Style(fg=1))
        assert mapper.terminal_colours is (theme.palette is None)  # the app's ansi_color follows it
        if theme.palette is None:
            assert red.color.type is ColorType.STANDARD  # drawn by the outer terminal's own palette
        else:
            assert red.color.type is ColorType.TRUECOLOR
            assert red.color.get_truecolor().hex == theme.palette[1].lower()
        border_styles(theme)
        status_styles(theme)
        assert mapper(Style(fg=200)).color.number == 200  # 256-colour indices are never restyled



def test_the_app_hands_ansi_colours_to_the_terminal_only_in_the_terminal_theme() -> None:
    from muntin.commands import default_key_tables
    from muntin.ui.app import MuntinApp
    from muntin.ui.keymap import KeyMap

    load_themes(register=True)
    keymap = KeyMap.from_key_tables(default_key_tables())
    # Textual leaves colour 1 as colour 1 (instead of its own RGB for it) only with ansi_color on.
    assert MuntinApp(None, keymap, styles=style_mapper(get_theme("terminal"))).ansi_color is True
    assert MuntinApp(None, keymap, styles=style_mapper(get_theme("fjord"))).ansi_color is False
