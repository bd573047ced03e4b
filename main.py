"""Start Briefer: the window without arguments, the command line with a command
(``python main.py add FILE…``, ``python main.py --help``).

The guard matters: PDF workers are ``spawn`` processes, which import this file again as
``__mp_main__``; without it each worker would start Briefer instead of waiting for jobs.
``freeze_support`` lets a frozen (PyInstaller-style) build start its workers.
"""
import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from briefer.entry import main

    raise SystemExit(main())
