"""Entry point for ``python -m muntin``."""

from __future__ import annotations

import sys

if __name__ == "__main__":
    from muntin._server_start import main as server_main, server_launch

    if (launch := server_launch(sys.argv[1:])) is not None:  # a server's own start: see muntin._server_start
        sys.exit(server_main(*launch))
    from muntin.cli import main

    sys.exit(main())
