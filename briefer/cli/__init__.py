"""The ``briefer`` command line: the parser and :func:`main`.

Each command module in this package (``documents``, ``search``, ``briefs`` with ``clips``,
``ocr``, ``backup``, ``check``) parses and prints over the operations layer
(:mod:`briefer.core.ops`), where every rule lives, and adds its commands to the parser
with ``register(subparsers, common)``; what they share (exit codes, the wording of the
core's errors, progress, opening the library) is :mod:`briefer.cli.common`.

The command line never imports the window: :mod:`briefer.entry` decides whether
``briefer …`` opens the window or runs a command, and only a command comes here.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Optional, Sequence

from briefer import __version__
from briefer.cli import backup, briefs, check, compare, documents, ocr, search
from briefer.cli.common import (EXIT_CANCELLED, EXIT_LIBRARY, EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE,
                                CliError, cli_error)
from briefer.core.errors import BrieferError
from briefer.core.library import ENVIRONMENT_ERRORS, environment_error
from briefer.core.paths import ENV_VAR, default_library_dir, log_path

# The modules that add commands, in the order the help lists them. Each defines
# ``register(subparsers, common)`` where ``common(parser)`` adds --library and --json; a
# module may also define ``prepare_argv(argv)``.
COMMAND_MODULES = (documents, search, compare, briefs, ocr, backup, check)


COMMAND_NAMES: set[str] = set()  # filled by build_parser: a word here is a command, not a file


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="briefer",
        description="Briefer: an offline library of PDFs for policy briefs — import, search, "
                    "quote and export to Word.",
        epilog=f"The library folder is --library DIR, else ${ENV_VAR}, else "
               f"{default_library_dir()}.")
    p.add_argument("--version", action="version", version=f"briefer {__version__}")
    p.add_argument("--library", metavar="DIR", help="library folder to use")
    p.add_argument("--debug", action="store_true", help="show internal errors in full")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                        help="library folder to use")
        sp.add_argument("--json", action="store_true", help="print JSON for scripts")

    for module in COMMAND_MODULES:
        module.register(sub, common)
    COMMAND_NAMES.update(sub.choices)
    return p


def prepare_argv(argv: Sequence[str]) -> list[str]:
    """Give each command module the chance to adjust its words before parsing (``search``
    keeps a query word such as ``-draft`` instead of reading it as an option)."""
    out = list(argv)
    for module in COMMAND_MODULES:
        prepare = getattr(module, "prepare_argv", None)
        if prepare is not None:
            out = prepare(out)
    return out


def no_command(parser: argparse.ArgumentParser, files: Sequence[str] = ()) -> int:
    """``briefer`` without a command reaches the command line only when the window cannot
    open (:mod:`briefer.entry` opens it when there is a display): print the help, or, for
    ``briefer FILE…`` (a desktop's "Open with"), say how to add the files."""
    if files:
        print("briefer: there is no display to open the window on; to import these "
              "files, run `briefer add FILE…`", file=sys.stderr)
        return EXIT_USAGE
    parser.print_help()
    return EXIT_OK


def command_names() -> set[str]:
    """The words that are commands (``list``, ``add``, ``brief`` …)."""
    if not COMMAND_NAMES:
        build_parser()
    return set(COMMAND_NAMES)


def split_files(parser: argparse.ArgumentParser,
                argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """``briefer [options] FILE…`` → (options, files) when the words after the global
    options are existing files or folders rather than a command; else (argv, [])."""
    words = list(argv)
    i = 0
    while i < len(words) and words[i].startswith("-"):
        i += 2 if words[i] == "--library" else 1  # --library takes a value
    rest = words[i:]
    if rest and rest[0] not in COMMAND_NAMES and all(os.path.exists(w) for w in rest):
        return words[:i], rest
    return words, []


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; returns the exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    parser = build_parser()
    words, files = split_files(parser, sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(prepare_argv(words))
    if not getattr(args, "command", None):
        return no_command(parser, files)
    if not hasattr(args, "json"):
        args.json = False
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"briefer: {exc}", file=sys.stderr)
        return exc.code
    except BrieferError as exc:
        err = cli_error(exc)
        print(f"briefer: {err}", file=sys.stderr)
        return err.code
    except KeyboardInterrupt:
        print("\nbriefer: interrupted", file=sys.stderr)
        return EXIT_CANCELLED
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except ENVIRONMENT_ERRORS as exc:
        if args.debug:
            raise
        print(f"briefer: {environment_error(exc)}", file=sys.stderr)
        return EXIT_LIBRARY
    except Exception as exc:  # a bug: the traceback goes to the log, the user gets words
        if args.debug:
            raise
        where = _log_unexpected(exc)
        print("briefer: an unexpected problem stopped this command before it finished. What "
              "it had finished is saved (each change is its own transaction); check that its "
              f"work is there. The details are in {where}; `--debug` shows them here.",
              file=sys.stderr)
        return EXIT_UNEXPECTED


def _log_unexpected(exc: BaseException) -> str:
    """Write ``exc`` with its traceback to the log file; where it went (or 'the terminal's
    log' when the log cannot be written, in which case it is printed as a warning)."""
    import logging.handlers

    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1 << 20, backupCount=3, encoding="utf-8")
    except OSError:
        logging.getLogger("briefer").warning("unexpected problem", exc_info=exc)
        return "the warning above"
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    record = logging.getLogger("briefer.cli")
    record.addHandler(handler)
    record.propagate = False
    try:
        record.error("unexpected problem in %s", " ".join(sys.argv[1:]) or "briefer",
                     exc_info=exc)
    finally:
        record.removeHandler(handler)
        record.propagate = True
        handler.close()
    return str(path)


if __name__ == "__main__":
    raise SystemExit(main())
