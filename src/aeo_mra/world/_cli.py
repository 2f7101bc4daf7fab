"""``aeo-mra world …``: the world graph on the command line (documented in docs/cli.md)."""

from __future__ import annotations

import argparse
import enum
from datetime import date
from typing import Any

from .. import cli
from .._cli_arguments import Args, add_on, add_role
from .._cli_output import answer_json, bullets, dated, fields, say, sections, sources_text, table
from .._dates import day_or_today
from ..model import Fact
from . import (
    Bilateral,
    CommonProgramme,
    Partner,
    Plurilateral,
    PlurilateralMember,
    Recognition,
    StepKind,
    bundled,
)

__all__ = ["add", "run"]


def add(parser: argparse.ArgumentParser) -> None:
    """The ``world`` subcommands: check, partners, summary, recognisers, show."""
    commands = parser.add_subparsers(title="world commands", metavar="WHAT", required=True)
    check = _sub(commands, "check", "is an AEO of one administration recognised at a place?")
    check.add_argument(
        "holder", metavar="HOLDER", help="an administration (KR) or a tier (EU/AEOS)"
    )
    check.add_argument("place", metavar="PLACE", help="ISO code, English or Chinese name")
    add_role(check, "the place")
    partners = _sub(commands, "partners", "an administration's partners on a day")
    partners.add_argument("administration", metavar="ADMINISTRATION", help="e.g. KR, EU, Japan")
    summary = _sub(commands, "summary", "counts of arrangements: the world's or one's")
    summary.add_argument(
        "administration", metavar="ADMINISTRATION", nargs="?", help="default: the world"
    )
    reverse = _sub(commands, "recognisers", "which administrations recognise a holder?")
    reverse.add_argument("holder", metavar="HOLDER", help="an administration or a tier (EU/AEOS)")
    add_role(reverse, "them")
    show = _sub(commands, "show", "one arrangement in full", dated=False)
    show.add_argument("id", metavar="ID", help="EU-JP (either order), CN-EU, PACIFIC-ALLIANCE")


def _sub(commands: Any, name: str, help: str, *, dated: bool = True) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help, description=help)
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    if dated:
        add_on(parser)
    parser.set_defaults(what=name, prog=parser.prog, on=None)
    return parser


def run(args: Args) -> int:
    """Run the ``world`` subcommand ``args`` names; the exit status."""
    graph = bundled()
    if args.what == "show":
        if getattr(args, "json", False):
            answer_json("world_arrangement", id=args.id)
        else:
            say(_arrangement_text(graph.arrangement(args.id)))
        return cli.EXIT_YES
    day: date = day_or_today(args.on)
    if args.what == "check":
        answer = graph.check(args.holder, args.place, on=day, role=args.role)
        _show(args, "world_check", _check_text(answer), holder=args.holder, place=args.place,
              role=args.role)  # fmt: skip
        return cli.EXIT_YES if answer.recognised else cli.EXIT_NO
    if args.what == "partners":
        found = graph.partners(args.administration, on=day)
        own = graph.administration(args.administration, day)
        text = _partners_text(found) or f"No partners of {own.id} by {day}."
        union = graph.union_of(own.id, day)
        if union is not None:
            ask = f"{cli.PROG} world partners {union} --on {day}"
            text += f"\nOn {day} its AEOs were {union}'s: see `{ask}`."
        text = dated(text, day, graph.reviewed)
        _show(args, "world_partners", text, administration=args.administration)
    elif args.what == "summary":
        summary = graph.summary(args.administration, on=day)
        text = dated(str(summary), day, graph.reviewed)
        _show(args, "world_summary", text, administration=args.administration)
    else:
        found_by = graph.recognisers(args.holder, on=day, role=args.role)
        rows = [
            (r.administration.id, r.verdict.value, r.reason.value, _id(r.arrangement))
            for r in found_by
        ]
        text = table([("ADMINISTRATION", "VERDICT", "REASON", "ARRANGEMENT"), *rows])
        text = dated(text, day, graph.reviewed)
        _show(args, "world_recognisers", text, holder=args.holder, role=args.role)
    return cli.EXIT_YES


def _show(args: Args, question: str, text: str, **values: object) -> None:
    """The text, or with ``--json`` the answer to ``question`` as the HTTP API gives it."""
    if getattr(args, "json", False):
        answer_json(question, on=day_or_today(args.on), **values)
    else:
        say(text)


def _check_text(answer: Recognition) -> str:
    return sections(answer.explain(), bullets("Caveats", answer.caveats))


def _partners_text(found: tuple[Partner, ...]) -> str:
    if not found:
        return ""
    rows = [
        (
            p.administration.id,
            p.administration.name,
            p.arrangement.id,
            p.implementation.value,
        )
        for p in found
    ]
    return table([("ID", "PARTNER", "ARRANGEMENT", "IMPLEMENTED"), *rows])


def _arrangement_text(a: Bilateral | Plurilateral) -> str:
    """An arrangement in full, as ``show`` prints China's."""
    if isinstance(a, Bilateral):
        who = [("Parties", [" and ".join(a.parties)]), ("Instrument", [a.instrument.value])]
    else:
        who = [("Members", [_member_text(m) for m in a.members])]
    if isinstance(a, CommonProgramme):
        who.append(("Common status", [a.status.described()] if a.status else ["none"]))
    scopes = [_fact_text(a.scope)] if a.scope else []
    scopes += [f"{party}'s customs: {_fact_text(f)}" for party, f in a.scope_by.items()]
    recognised = [f"{s}'s tiers: {', '.join(f.value)}" for s, f in a.recognised.items()]
    recognised += [
        f"{s}'s tiers: at least {', '.join(f.value)}" for s, f in a.recognised_at_least.items()
    ]
    facts = fields(
        [
            *who,
            *((_label(step.kind), [_fact_text(step.when)]) for step in a.steps),
            *([] if _began(a) else [_NOT_FOUND]),
            *((f"{o.recogniser} opened to {o.holder}", [_fact_text(o.when)]) for o in a.openings),
            ("Scope", scopes),
            ("Recognised", recognised),
        ]
    )
    return sections(
        a.name if a.id in a.name else f"{a.name} ({a.id})",
        facts,
        bullets("Note", [a.note] if a.note else []),
        bullets("Caveats", [c.value for c in a.caveats]),
        f"Sources\n{sources_text(a.sources)}",
    )


_NOT_FOUND = ("Implemented", ["not found in the public record"])  # as China's show says


def _began(a: Bilateral | Plurilateral) -> bool:
    """Whether a day recognition began is recorded: its implementation, or a member's."""
    members = () if isinstance(a, Bilateral) else a.members
    return a.step(StepKind.IMPLEMENTED) is not None or any(m.live for m in members)


def _label(kind: StepKind) -> str:
    return kind.value.replace("-", " ").capitalize()  # "Work plan"


def _member_text(member: PlurilateralMember) -> str:
    live = f", live {_fact_text(member.live)}" if member.live else ""
    side = f" (for {member.side})" if member.side else ""
    return f"{member.administration}{side}{live}"


def _fact_text(fact: Fact[Any]) -> str:
    value = fact.value.value if isinstance(fact.value, enum.Enum) else fact.value
    inferred = ", inferred" if fact.inferred else ""
    return f"{value} ({fact.confidence}{inferred})"


def _id(arrangement: Bilateral | Plurilateral | None) -> str:
    return "—" if arrangement is None else arrangement.id
