"""``python -m briefer``: the same start as ``main.py`` (guarded for spawn workers); the
entry module (:mod:`briefer.entry`) opens the window or runs a command."""
import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from briefer.entry import main

    raise SystemExit(main())
