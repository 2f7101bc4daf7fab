"""The ``aeo-mra`` command: quick answers for people, stable JSON for scripts.

A surface over the public API of `aeo_mra`: every answer comes from the same
functions a Python caller uses. Each subcommand prints aligned text by default and one
JSON object with ``--json``; the documentation's command-line page (`DOCS`) gives the shapes.

Exit status: 0 for yes (or success), 1 when a check answers no, 2 for bad input, 3 for a
bug, 4 when the output cannot be written, 141 when its reader went away.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn

import aeo_mra
from aeo_mra import Arrangement, Basis, Role, Tier
from aeo_mra._cli_arguments import (
    Args,
    add_choice,
    add_on,
    add_role,
    add_tier,
    bad_value,
    iso_date,
    member,
)
from aeo_mra._cli_output import (
    STDOUT_CLOSED,
    answer_json,
    bullets,
    dated,
    fields,
    print_json,
    say,
    sections,
    sources_text,
    table,
)
from aeo_mra._dates import day_or_today

if TYPE_CHECKING:
    import argparse

    from aeo_mra._cli_arguments import Declaring

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BUG",
    "EXIT_NO",
    "EXIT_OUTPUT_FAILED",
    "EXIT_PIPE_CLOSED",
    "EXIT_YES",
    "main",
    "run",
]

EXIT_YES = 0
"""The answer is yes, or the command succeeded."""
EXIT_NO = 1
"""A check (``check``, ``check-foreign``, ``world check``) answered no."""
EXIT_BAD_INPUT = 2
"""A usage error or bad input: the message on stderr names it."""
EXIT_BUG = 3
"""aeo-mra itself failed: the traceback on stderr is worth a bug report."""
EXIT_OUTPUT_FAILED = 4
"""The output could not be written (disk full, standard output closed): one line on stderr."""
EXIT_PIPE_CLOSED = 141
"""The reader of the output went away, as a shell reports death by SIGPIPE."""

PROG = "aeo-mra"


# -- check -------------------------------------------------------------------------------


def _add_check(parser: Declaring) -> None:
    parser.add_argument(
        "place", metavar="PLACE", help="ISO code, English or Chinese name, or alias"
    )
    add_on(parser)
    add_role(parser, "the place")
    add_tier(parser, "the operator's tier, e.g. advanced_certified, AA or 高级认证企业")


def _check(args: Args) -> int:
    return _eligibility(args, aeo_mra.check(args.place, args.on, role=args.role, tier=args.tier))


def _eligibility(args: Args, answer: aeo_mra.Eligibility) -> int:
    """Print ``answer``: its sentence, benefits and caveats, or its JSON; the exit status."""
    if args.json:
        print_json(aeo_mra.to_dict(answer))
    else:
        benefits = bullets("Benefits", [b.description for b in answer.benefits])
        say(sections(answer.explain(), benefits, bullets("Caveats", answer.caveats)))
    return EXIT_YES if answer.qualifies else EXIT_NO


# -- check-foreign -----------------------------------------------------------------------


def _add_check_foreign(parser: Declaring) -> None:
    parser.add_argument(
        "place", metavar="PLACE", help="where the operator is certified: ISO code or name"
    )
    parser.add_argument(
        "tier", metavar="TIER", help="its tier of that place's programme, e.g. AEOS or AAA"
    )
    add_on(parser)
    add_role(parser, "China")


def _check_foreign(args: Args) -> int:
    return _eligibility(args, aeo_mra.check_foreign(args.place, args.tier, args.on, role=args.role))


# -- list --------------------------------------------------------------------------------


def _add_dated(parser: Declaring) -> None:
    add_on(parser)
    add_choice(
        parser,
        "--basis",
        Basis,
        default=Basis.SIGNED,
        help="count arrangements signed (default) or implemented by the day",
    )


def _add_listing(parser: Declaring) -> None:
    _add_dated(parser)
    add_choice(
        parser,
        "--role",
        Role,
        help="only those that help an exporter (all) or an importer (those known to cover "
        "exports too; default: all)",
    )


def _list(args: Args) -> int:
    day = day_or_today(args.on)
    if args.json:
        answer_json("arrangements", on=day, basis=args.basis, role=args.role)
        return EXIT_YES
    found = aeo_mra.arrangements(day, basis=args.basis, role=args.role)
    header = ("ID", "PARTNER", "SIGNED", "IMPLEMENTED", "SCOPE", "TERRITORIES")
    text = (
        table([header, *(_listing_row(a, day) for a in found)])
        if found
        else f"No arrangements {args.basis.value} by {day}."
    )
    say(dated(text, day, aeo_mra._default().reviewed))
    return EXIT_YES


def _listing_row(a: Arrangement, day: date) -> tuple[str, ...]:
    implemented = str(a.implemented.value) if a.implemented else "—"
    covered = str(len(a.covered(day)))
    return a.id, a.partner, str(a.signed.value), implemented, a.scope.value.value, covered


# -- show --------------------------------------------------------------------------------


def _add_show(parser: Declaring) -> None:
    parser.add_argument("target", metavar="ID|PLACE", help="an arrangement id (EU) or a place")


def _show(args: Args) -> int:
    if args.json:
        answer_json("arrangement", id=args.target)
    else:
        say(_show_text(aeo_mra.arrangement(args.target)))
    return EXIT_YES


def _show_text(a: Arrangement) -> str:
    facts = fields(
        [
            ("Partner", [f"{a.partner} ({a.partner_zh}), {a.partner_kind.value}"]),
            ("Instrument", [a.instrument.value + ("" if a.counted else ", not counted")]),
            ("Signed", [f"{a.signed.value} ({a.signed.confidence})"]),
            ("Implemented", _implemented(a)),
            ("Stages", [f"from {s.start}: {s.description}" for s in a.stages]),
            ("Scope", [a.scope.value.value]),
            ("China's tiers", [t.description for t in a.china_tiers.value]),
            ("Partner programme", [a.partner_programme.value]),
            ("Partner tiers", [_partner_tier(t) for t in a.partner_tiers]),
            ("Benefits", [b.description for b in a.benefits.value]),
            ("Code format", _code_format(a)),
            ("Members", _members(a)),
        ]
    )
    return sections(
        f"{a.name} ({a.id})",
        facts,
        bullets("Wording of the benefits", [a.benefits_wording] if a.benefits_wording else []),
        bullets("Caveats", [c.value for c in a.caveats]),
        f"Sources\n{sources_text(a.sources)}",
    )


def _implemented(a: Arrangement) -> list[str]:
    if a.implemented is None:
        return ["not found in the public record"]
    return [f"{a.implemented.value} ({a.implemented.confidence})"]


def _partner_tier(tier: aeo_mra.PartnerTier) -> str:
    return f"{tier.code}: {tier.name} ({'' if tier.recognised else 'not '}recognised)"


def _code_format(a: Arrangement) -> list[str]:
    if a.code_format is None:
        return []
    code = a.code_format.value
    verified = "" if code.verified else " (format not verified)"
    return [f"{code.description}, e.g. {code.example}{verified}"]


def _members(a: Arrangement) -> list[str]:
    """The covered territories, a few to a line, with their joining and leaving dates."""
    lines: list[str] = []
    for text in map(_member_text, a.members):
        if lines and len(lines[-1]) + len(text) < _MEMBERS_WIDTH:
            lines[-1] += f", {text}"
        else:
            lines += [text]
    return [line + "," for line in lines[:-1]] + lines[-1:]


_MEMBERS_WIDTH = 60


def _member_text(member: aeo_mra.Membership) -> str:
    dates = [f"from {member.since.value}"] if member.since else []
    dates += [f"until {member.until.value}"] if member.until else []
    return member.territory + (f" ({' '.join(dates)})" if dates else "")


# -- timeline ----------------------------------------------------------------------------


def _timeline(args: Args) -> int:
    if args.json:
        answer_json("timeline")
    else:
        rows = [(str(e.when), e.kind.value, e.description) for e in aeo_mra.timeline()]
        say(table([("DATE", "EVENT", "DESCRIPTION"), *rows]))
    return EXIT_YES


# -- summary -----------------------------------------------------------------------------


def _summary(args: Args) -> int:
    if args.json:
        answer_json("summary", on=args.on, basis=args.basis)
    else:
        totals = aeo_mra.summary(args.on, basis=args.basis)
        lines = [("Arrangements", ", ".join(totals.arrangements) or "—")]
        if totals.counted_territories:
            lines.append(("Also counted", ", ".join(totals.counted_territories)))
        say(f"{totals}\n{table(lines)}")
    return EXIT_YES


# -- code ---------------------------------------------------------------------------------


def _add_code(parser: Declaring) -> None:
    parser.add_argument("code", metavar="CODE", help="an AEO code, e.g. AEOCN0123456789")
    add_on(parser, "declare it on this day, YYYY-MM-DD (default: today)")


def _code(args: Args) -> int:
    from aeo_mra import codes

    registry = aeo_mra._default()
    if args.json:
        from aeo_mra import _api  # only for --json

        print_json(_api.code_report(registry, args.code, args.on))
    else:
        day = day_or_today(args.on)
        parsed = codes.parse(args.code)
        declared, not_declared = codes._declared(parsed, day, registry)
        lines = [
            ("Code", parsed.code),
            ("Issued in", aeo_mra.resolve(parsed.place).name if parsed.place != "CN" else "China"),
            ("Arrangement", parsed.arrangement or "— (China's own code, given to partners)"),
            (
                "Format",
                "published" if parsed.verified else "not published: place code checked only",
            ),
        ]
        if declared or parsed.place != "CN":
            lines.append(
                (f"Declare on {day}", str(declared) if declared else f"nothing: {not_declared}")
            )
        say(dated(table(lines), day, registry.reviewed))
    return EXIT_YES


# -- diff ---------------------------------------------------------------------------------


def _add_diff(parser: Declaring) -> None:
    parser.add_argument("old", metavar="OLD", help="the old dataset file (TOML)")
    parser.add_argument(
        "new", metavar="NEW", nargs="?", help="the new dataset file (default: the bundled data)"
    )


def _diff(args: Args) -> int:
    from aeo_mra import _api, diff

    old = _load(args.old)
    new = _registry(args.new)
    if args.json:
        print_json(_api.diff_report(old, new))
    else:
        from aeo_mra._explain import counted

        facts, answers = diff.facts(old, new), diff.answers(old, new)
        lines = [f"Data {old.version} → {new.version}: {counted(len(facts), 'fact')} changed"]
        lines += [f"  {c}" for c in facts]
        lines.append(f"{counted(len(answers), 'answer')} changed (every place, on every dated day)")
        lines += [f"  {c}" for c in answers]
        say("\n".join(lines))
    return EXIT_YES


class _UnreadableDataError(aeo_mra.Error, OSError):
    """A dataset file named on the command line cannot be read."""


def _load(path: str) -> aeo_mra.Registry:
    """The dataset file at ``path``; a file that cannot be read is bad input, not a bug."""
    try:
        return aeo_mra.load(path)
    except OSError as error:
        raise _UnreadableDataError(f"cannot read {path!r}: {error.strerror or error}") from None


# -- measures -------------------------------------------------------------------------------


def _add_measures(parser: Declaring) -> None:
    add_tier(parser, "the tier, e.g. advanced_certified")
    add_on(parser)
    _add_where(parser)


def _add_where(parser: Declaring) -> None:
    parser.add_argument(
        "--where", metavar="DISTRICT", help="a customs district, e.g. Shenyang or 沈阳海关"
    )


def _measures(args: Args) -> int:
    from aeo_mra import home

    if args.json:
        answer_json("measures", tier=args.tier, on=args.on, where=args.where)
        return EXIT_YES
    answer = home.measures(args.tier, args.on, where=args.where)
    rows = [(m.measure.where, m.measure.text_en, _mark(m)) for m in answer.measures]
    listed = table([("WHERE", "MEASURE", "CONFIDENCE"), *rows]) if rows else ""
    unknown = [f"{u}: {u.missing}" for u in answer.unknown]
    mra = answer.mra and (
        f"{answer.mra.measure.concept.name.capitalize()}: where it applies, "
        f"ask `{PROG} check PLACE`."
    )
    say(sections(answer.headline, listed, bullets("Not recorded", unknown), mra or ""))
    return EXIT_YES


def _add_compare_tiers(parser: Declaring) -> None:
    for name, help in (("tier", "the tier compared"), ("other", "the tier it is compared with")):
        parser.add_argument(
            name, metavar=name.upper(), type=member(Tier, "tier of China's customs"), help=help
        )
    add_on(parser)
    _add_where(parser)


def _compare_tiers(args: Args) -> int:
    return _explained(
        args, "measures_compare", tier=args.tier, other=args.other, on=args.on, where=args.where
    )


def _explained(args: Args, question: str, **values: object) -> int:
    """Print the answer to ``question`` of the API's table: with ``--json`` all of it, else
    its explanation."""
    from aeo_mra import _api

    answer = _api.ask(question, aeo_mra._default(), **values)
    if args.json:
        print_json(answer)
    else:
        say(answer["explanation"])
    return EXIT_YES


def _add_measure_changes(parser: Declaring) -> None:
    parser.add_argument("before", metavar="BEFORE", type=iso_date, help="the first day")
    parser.add_argument("after", metavar="AFTER", type=iso_date, help="the second day")
    add_tier(parser, "the tier, e.g. advanced_certified")
    _add_where(parser)


def _measure_changes(args: Args) -> int:
    return _explained(args, "measures_changes", tier=args.tier, before=args.before,
                      after=args.after, where=args.where)  # fmt: skip


def _add_aeo_counts(parser: Declaring) -> None:
    parser.add_argument(
        "scope", metavar="SCOPE", nargs="?", help="national, or a region or district (default: all)"
    )
    parser.add_argument("--since", type=iso_date, metavar="DATE", help="the first day to include")
    parser.add_argument("--until", type=iso_date, metavar="DATE", help="the last day to include")


def _aeo_counts(args: Args) -> int:
    from aeo_mra import home

    if args.json:
        answer_json("aeo_counts", scope=args.scope, since=args.since, until=args.until)
        return EXIT_YES
    found = home.aeo_counts(args.scope, since=args.since, until=args.until)
    say("\n".join(map(str, found)) or "No published count in those days.")
    return EXIT_YES


def _mark(found: aeo_mra.home.InForce) -> str:
    measure = found.measure
    words = [str(measure.confidence)] + ["inferred"] * measure.inferred
    return ", ".join(words + ([] if found.certain else ["possibly in force"]))


# -- world -------------------------------------------------------------------------------


def _add_world(parser: Declaring) -> None:
    import argparse

    from aeo_mra.world import _cli

    if not isinstance(parser, argparse.ArgumentParser):
        raise _NotPlain("world")  # its subcommands are argparse's alone
    _cli.add(parser)


def _world(args: Args) -> int:
    from aeo_mra.world import _cli

    return _cli.run(args)


# -- serve and mcp -----------------------------------------------------------------------
class _MissingExtraError(aeo_mra.Error, ImportError):
    """A subcommand needs an optional extra that is not installed."""


def _extra(module: str, extra: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as missing:
        raise _MissingExtraError(
            f"this command needs the {extra} extra: pip install 'aeo-mra[{extra}]' ({missing})"
        ) from None


def _add_data(parser: Declaring) -> None:
    parser.add_argument(
        "--data", metavar="FILE", help="answer from this dataset file (validated at start-up)"
    )


def _port(text: str) -> int:
    """A port number, 0 to 65535 (0: any free port)."""
    port = int(text) if text.isdigit() else -1
    if not 0 <= port <= 65535:
        raise bad_value(f"{text!r} is not a port: give a number from 0 to 65535")
    return port


def _add_serve(parser: Declaring) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=8000, help="port to bind (default: 8000)")
    _add_data(parser)
    parser.add_argument(
        "--cors-origin", action="append", default=[], metavar="ORIGIN",
        help="let browser pages from ORIGIN call the API (repeatable; default: none)",
    )  # fmt: skip


def _registry(data: str | None) -> aeo_mra.Registry:
    """The registry of a dataset file, read and validated now (default: the bundled data's)."""
    registry = _load(data) if data else aeo_mra._default()
    _ = registry.dataset  # the bundled data is read on first use: read it now
    return registry


class _StartupError(aeo_mra.Error, OSError):
    """The server could not start: the port is taken, or the host cannot be bound."""


def _serve(args: Args) -> int:
    server = _extra("aeo_mra.server", "server")
    registry = _registry(args.data)
    try:
        server.serve(args.host, args.port, registry, cors_origins=args.cors_origin)
    except SystemExit as stopped:  # uvicorn's own status for a failed start is 3, ours for a bug
        if stopped.code in (0, None):
            raise
        where = f"{args.host}:{args.port}"
        message = f"the server could not start on {where} (its log above says why)"
        raise _StartupError(message) from None
    return EXIT_YES


def _add_mcp(parser: Declaring) -> None:
    _add_data(parser)


def _mcp(args: Args) -> int:
    _extra("aeo_mra.mcp_server", "mcp").run(_registry(args.data))
    return EXIT_YES


# -- the command line --------------------------------------------------------------------


def _no_arguments(parser: Declaring) -> None:
    """Nothing but ``--json``."""


class _Command:
    """A command: its name and help, what declares its arguments, what runs it, and whether
    it takes ``--json``. (A plain class: an attrs class or a NamedTuple costs each start
    0.3 to 0.5 ms to build.)"""

    __slots__ = ("arguments", "help", "json", "name", "run")

    def __init__(
        self,
        name: str,
        help: str,
        arguments: Callable[[Declaring], None],
        run: Callable[[Args], int],
        json: bool = True,
    ) -> None:
        self.name, self.help, self.arguments, self.run, self.json = name, help, arguments, run, json


_COMMANDS = (
    _Command("check", "does a Chinese AEO get benefits trading with a place?", _add_check, _check),
    _Command(
        "check-foreign",
        "does China's customs recognise a foreign AEO of a partner's tier?",
        _add_check_foreign,
        _check_foreign,
    ),
    _Command("list", "the partners, as a table", _add_listing, _list),
    _Command("show", "one arrangement in full", _add_show, _show),
    _Command("timeline", "every dated event, earliest first", _no_arguments, _timeline),
    _Command("summary", "the running totals as China's customs counts them", _add_dated, _summary),
    _Command("code", "parse and validate an AEO code; what to declare", _add_code, _code),
    _Command("diff", "what changed between two dataset files: facts and answers", _add_diff, _diff),
    _Command("measures", "what a tier gets from China's customs at home", _add_measures, _measures),
    _Command(
        "compare-tiers",
        "what one tier gets from China's customs at home that another does not",
        _add_compare_tiers,
        _compare_tiers,
    ),
    _Command(
        "measure-changes",
        "what changed for a tier at home between two days",
        _add_measure_changes,
        _measure_changes,
    ),
    _Command(
        "aeo-counts",
        "the published counts of China's certified enterprises",
        _add_aeo_counts,
        _aeo_counts,
    ),
    _Command(
        "world", "every administration's arrangements: check, partners, …", _add_world, _world
    ),
    _Command(
        "serve",
        "serve the answers as a read-only JSON API over HTTP",
        _add_serve,
        _serve,
        json=False,
    ),
    _Command(
        "mcp",
        "answer an assistant as an MCP server on stdin and stdout",
        _add_mcp,
        _mcp,
        json=False,
    ),
)

DOCS = "https://aeomra.github.io/aeo_mra/cli/"
_EPILOG = (
    "exit status: 0 yes or success, 1 when a check answers no, 2 for bad input, 3 for a bug, "
    f"4 when the output cannot be written. Documentation, with the JSON shapes: {DOCS}"
)


def _declare(command: _Command, parser: Declaring) -> None:
    """Give ``parser`` the arguments of ``command``: ``--json`` where it takes it, then its own."""
    if command.json:
        parser.add_argument(
            "--json", action="store_true", help="print JSON (its shapes: see the documentation)"
        )
    command.arguments(parser)


class _NotPlain(Exception):
    """A command line that only argparse reads as it should."""


class _Declared:
    """A command's arguments as its declaring function gives them to argparse, recorded to
    read a plain line of them; anything but plain positionals, options with one value and
    flags is `_NotPlain`."""

    def __init__(self) -> None:
        self.positionals: list[tuple[str, Callable[[str], object]]] = []
        self.options: dict[str, tuple[str, Callable[[str], object] | None]] = {}
        self.values: dict[str, object] = {}

    def add_argument(
        self,
        *names: str,
        type: Callable[[str], object] = str,
        default: object = None,
        action: str | None = None,
        metavar: str | None = None,
        help: str | None = None,
        **unusual: object,
    ) -> None:
        """One argument: a positional, an option with a value, or a flag."""
        name = names[0]
        if unusual or len(names) > 1 or action not in (None, "store_true"):
            raise _NotPlain(name)
        if not name.startswith("-"):
            self.positionals.append((name, type))
            return
        dest = name.removeprefix("--").replace("-", "_")
        self.options[name] = (dest, None if action else type)
        self.values[dest] = False if action else default


def _plain(argv: Sequence[str]) -> SimpleNamespace | None:
    """``argv`` read as argparse reads it, if it is plain: a command, then its positionals,
    options written in full (``--on 2020-01-01`` or ``--on=2020-01-01``) and flags, each
    value well formed; ``None`` for anything else (help, errors, abbreviations), which
    argparse reads. Importing argparse (and gettext and locale) and building its parser
    cost a cold start about 4 ms, as much as a whole `check`."""
    command = next((c for c in _COMMANDS if argv and c.name == argv[0]), None)
    if command is None:
        return None
    declared = _Declared()
    try:
        _declare(command, declared)
    except _NotPlain:
        return None
    values, positionals = dict(declared.values), []
    tokens = iter(argv[1:])
    for token in tokens:
        if not token.startswith("-"):
            positionals.append(token)
            continue
        flag, equals, value = token.partition("=")
        if flag not in declared.options:
            return None
        dest, read = declared.options[flag]
        if read is None:  # a flag
            if equals:
                return None
            values[dest] = True
            continue
        if not equals:
            following = next(tokens, None)
            if following is None or following.startswith("-"):
                return None  # argparse says the value is missing
            value = following
        try:
            values[dest] = read(value)
        except Exception:  # argparse says what is wrong with it
            return None
    if len(positionals) != len(declared.positionals):
        return None
    for (dest, read), value in zip(declared.positionals, positionals, strict=True):
        try:
            values[dest] = read(value)
        except Exception:  # argparse says what is wrong with it
            return None
    return SimpleNamespace(**values, run=command.run, prog=f"{PROG} {command.name}")


def _parsed(argv: Sequence[str]) -> argparse.Namespace:
    """``argv`` read by argparse, which exits on help and errors."""
    from ._cli_parser import parser

    return parser(argv).parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``aeo-mra`` command with ``argv`` (default: ``sys.argv[1:]``); the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    stdout = sys.stdout
    errors = stdout.errors if isinstance(stdout, io.TextIOWrapper) else None
    try:
        if isinstance(stdout, io.TextIOWrapper):
            # A console that cannot show Chinese gets escapes in text, not a crash.
            stdout.reconfigure(errors="backslashreplace")
        return _answer(argv)
    except BrokenPipeError:
        # The reader has gone (`aeo-mra timeline | head`): stop quietly, as if by SIGPIPE.
        _discard_output()
        return EXIT_PIPE_CLOSED
    except OSError as error:  # the disk is full, stdout was closed …: not a bug
        _discard_output()
        return _output_failed(error.strerror or str(error))
    except Exception:  # a bug: never let it pass for "no" (status 1)
        import traceback

        _complain(traceback.format_exc().rstrip("\n"))
        return EXIT_BUG
    finally:
        if isinstance(stdout, io.TextIOWrapper) and not stdout.closed:
            with contextlib.suppress(OSError, ValueError):
                stdout.reconfigure(errors=errors)


def _answer(argv: Sequence[str]) -> int:
    """Read ``argv`` (argparse exits on help and usage errors) and run its command; the
    exit status, with bad input reported on stderr."""
    args = _plain(argv) or _parsed(argv)
    if sys.stdout is None:  # started with stdout closed (`aeo-mra timeline >&-`)
        return _output_failed(STDOUT_CLOSED)
    run: Callable[[Args], int] = args.run
    try:
        status = run(args)
    except aeo_mra.Error as error:  # prefixed as argparse prefixes its errors
        _complain(f"{args.prog}: error: {error}")
        return EXIT_BAD_INPUT
    sys.stdout.flush()
    return status


def run() -> NoReturn:
    """The installed ``aeo-mra`` command and ``python -m aeo_mra``: `main`, then the end.

    A command that answers and ends skips Python's teardown, which frees every object and
    every module one by one (about 6 ms, an eighth of ``aeo-mra check DE``) when nothing is
    left to do but flush the output; ``serve`` and ``mcp``, whose libraries may leave work
    for it, end as usual.
    """
    status = main()
    if sys.argv[1:2] in (["serve"], ["mcp"]):
        raise SystemExit(status)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(status)


def _output_failed(why: str) -> int:
    _complain(f"{PROG}: error: cannot write the output: {why}")
    return EXIT_OUTPUT_FAILED


def _complain(text: str) -> None:
    """Print ``text`` on standard error if it can be written there: never on standard
    output, and a failure to write it changes no exit status."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            say(text, file=sys.stderr)
            sys.stderr.flush()


def _discard_output() -> None:
    """Point stdout at the null device, so that the flush at exit cannot fail again."""
    if sys.stdout is None:
        return
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
