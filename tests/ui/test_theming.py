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
        if theme.palette is None:
            assert red.color.type is ColorType.STANDARD  # drawn by the outer terminal's own palette
        else:
            assert red.color.type is ColorType.TRUECOLOR
            assert red.color.get_truecolor().hex == theme.palette[1].lower()
        border_styles(theme)
        status_styles(theme)
        assert mapper(Style(fg=200)).color.number == 200  # 256-colour indices are never restyled
