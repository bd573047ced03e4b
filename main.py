"""Start Briefer (the command line until the desktop window lands)."""
from briefer.cli import main

raise SystemExit(main())
