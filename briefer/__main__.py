"""``python -m briefer``: the same start as ``main.py`` (guarded for spawn workers)."""
import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from briefer.cli import main

    raise SystemExit(main())
