"""``aeo-mra world …``: the world graph on the command line (documented in docs/cli.md)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from .. import cli
from .._plain import to_dict
from ..model import Role
from . import Bilateral, Partner, Recogniser, Recognition, World, WorldSummary, bundled

__all__ = ["add", "run"]

JSON = dict[str, Any]


def add(parser: argparse.ArgumentParser) -> None:
    """The ``world`` subcommands: check, partners, summary, recognisers."""
    commands = parser.add_subparsers(title="world commands", metavar="WHAT", required=True)
    check = _sub(commands, "check", "is an AEO of one administration recognised at a place?")
    check.add_argument(
        "holder", metavar="HOLDER", help="an administration (KR) or a tier (EU/AEOS)"
    )
    check.add_argument("place", metavar="PLACE", help="ISO code, English or Chinese name")
    cli._add_choice(
        check,
        "--role",
        Role,
        default=Role.EXPORTER,
        help="exporter (ships to the place; default) or importer (receives from it)",
    )
    partners = _sub(commands, "partners", "an administration's partners on a day")
    partners.add_argument("administration", metavar="ADMINISTRATION", help="e.g. KR, EU, Japan")
    summary = _sub(commands, "summary", "counts of arrangements: the world's or one's")
    summary.add_argument(
        "administration", metavar="ADMINISTRATION", nargs="?", help="default: the world"
    )
    reverse = _sub(commands, "recognisers", "which administrations recognise a holder?")
    reverse.add_argument("holder", metavar="HOLDER", help="an administration or a tier (EU/AEOS)")


def _sub(commands: Any, name: str, help: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help, description=help)
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    cli._add_on(parser, "the day, YYYY-MM-DD (default: today)")
    parser.set_defaults(what=name)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the ``world`` subcommand ``args`` names; the exit status."""
    graph = bundled()
    day: date = args.on or date.today()
    if args.what == "check":
        answer = graph.check(args.holder, args.place, on=day, role=args.role)
        _show(args, _check_json(answer), _check_text(answer))
        return cli.EXIT_YES if answer.recognised else cli.EXIT_NO
    if args.what == "partners":
        found = graph.partners(args.administration, on=day)
        own = graph.administration(args.administration)
        data = {
            "administration": own.id,
            "on": day.isoformat(),
            "complete": own.coverage.complete_on(day, graph.reviewed),
            **_data(graph),
            "partners": [_partner_json(p) for p in found],
        }
        _show(args, data, _partners_text(found) or f"No partners of {own.id} by {day}.")
    elif args.what == "summary":
        summary = graph.summary(args.administration, on=day)
        _show(args, {**_summary_json(summary), **_data(graph)}, str(summary))
    else:
        found_by = graph.recognisers(args.holder, on=day)
        data = {
            "holder": args.holder,
            "on": day.isoformat(),
            **_data(graph),
            "recognisers": [_recogniser_json(r) for r in found_by],
        }
        rows = [(r.administration.id, r.verdict.value, r.reason.value) for r in found_by]
        _show(args, data, cli._table([("ADMINISTRATION", "VERDICT", "REASON"), *rows]))
    return cli.EXIT_YES


def _show(args: argparse.Namespace, data: JSON, text: str) -> None:
    if getattr(args, "json", False):
        cli._print_json(data)
    else:
        print(text)


def _data(graph: World) -> JSON:
    return {"data_version": graph.version, "data_reviewed": graph.reviewed.isoformat()}


def _check_json(answer: Recognition) -> JSON:
    return {
        "holder": answer.holder.id,
        "tier": answer.tier.code if answer.tier else None,
        "place": {"code": answer.place.code, "name": answer.place.name},
        "administration": answer.administration.id if answer.administration else None,
        "on": answer.on.isoformat(),
        "role": answer.role.value,
        "recognised": answer.recognised,
        "verdict": answer.verdict.value,
        "reason": answer.reason.value,
        "arrangement": answer.arrangement.id if answer.arrangement else None,
        "shared_partners": list(answer.shared_partners),
        "caveats": list(answer.caveats),
        "sources": [to_dict(s) for s in answer.sources],
        "confidence": str(answer.confidence),
        "data_version": answer.data_version,
        "data_reviewed": answer.data_reviewed.isoformat(),
        "explanation": answer.explain(),
    }


def _check_text(answer: Recognition) -> str:
    return cli._sections(answer.explain(), cli._bullets("Caveats", answer.caveats))


def _partner_json(partner: Partner) -> JSON:
    arrangement = partner.arrangement
    return {
        "id": partner.administration.id,
        "name": partner.administration.name,
        "arrangement": arrangement.id,
        "kind": "bilateral" if isinstance(arrangement, Bilateral) else "plurilateral",
        "implemented": partner.implemented,
    }


def _partners_text(found: tuple[Partner, ...]) -> str:
    if not found:
        return ""
    rows = [
        (
            p.administration.id,
            p.administration.name,
            p.arrangement.id,
            "yes" if p.implemented else "—",
        )
        for p in found
    ]
    return cli._table([("ID", "PARTNER", "ARRANGEMENT", "IMPLEMENTED"), *rows])


def _summary_json(summary: WorldSummary) -> JSON:
    return to_dict(summary)


def _recogniser_json(recogniser: Recogniser) -> JSON:
    return {
        "administration": recogniser.administration.id,
        "verdict": recogniser.verdict.value,
        "reason": recogniser.reason.value,
        "arrangement": recogniser.arrangement.id if recogniser.arrangement else None,
        "confidence": str(recogniser.confidence),
    }
