"""The ``aeo-mra`` command line read by argparse: help, errors, and every line that is not
plain (`aeo_mra.cli` reads a plain one itself, without importing argparse)."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import aeo_mra

from . import cli
from ._cli_output import write_now

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["parser"]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit status 2."""

    def __init__(self, **options: Any) -> None:
        super().__init__(formatter_class=_Formatter, **options)

    def error(self, message: str) -> NoReturn:
        self.exit(cli.EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """argparse's reading; a command's parser refuses an argument it does not know
        itself, so that the error names the command and points to its help."""
        parsed, extras = super().parse_known_args(args, namespace)
        if extras and self.prog != cli.PROG:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        """argparse's help; on standard output, a failure to write it is raised (argparse
        ignores it) for `cli.main` to report."""
        if file is not None:
            super().print_help(file)
        else:
            write_now(self.format_help())


class _Formatter(argparse.HelpFormatter):
    """argparse's help, as wide as the terminal, found as `shutil.get_terminal_size` finds
    it but without importing `shutil` and its compression modules (2 ms of each start)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_columns() - 2)


def _columns() -> int:
    """The terminal's width: ``$COLUMNS``, else standard output's, else 80."""
    with contextlib.suppress(KeyError, ValueError):
        if (columns := int(os.environ["COLUMNS"])) > 0:
            return columns
    try:
        return os.get_terminal_size().columns or 80
    except (ValueError, OSError):
        return 80


class _Version(argparse.Action):
    """``--version``: the package's version and the data's, read only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> NoReturn:
        write_now(f"{cli.PROG} {aeo_mra.__version__} (data {aeo_mra.DATA_VERSION})\n")
        parser.exit()


def parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``aeo-mra`` command line ``argv``.

    Only the command ``argv`` names gets a parser, with its arguments, so that a command
    pays neither for the others' parsers nor for importing their modules (``world``'s).
    Without a known command (``--help``, a mistyped one) every command is listed; with no
    ``argv``, every command gets its arguments too.
    """
    named = None if argv is None else next((a for a in argv if not a.startswith("-")), "")
    top = _Parser(
        prog=cli.PROG,
        description="China's customs AEO mutual recognition arrangements.",
        epilog=cli._EPILOG,
    )
    top.add_argument(
        "--version",
        action=_Version,
        nargs=0,
        default=argparse.SUPPRESS,
        help="print the versions of aeo-mra and its data",
    )
    commands = top.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for command in [c for c in cli._COMMANDS if c.name == named] or cli._COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, description=command.help)
        if named is None or named == command.name:
            cli._declare(command, sub)
        sub.set_defaults(run=command.run, prog=sub.prog)
    return top
