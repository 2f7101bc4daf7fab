"""The world graph: administrations, the arrangements between them, and the questions asked.

China's arrangements are made here from the China dataset's records, so each fact about
them stays in one place; the world data adds every other administration's.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

import attrs

from .._dates import day_or_today
from .._decide import tier_meets, unreviewed
from .._eligibility import Verdict
from .._explain import _capitalised, _is, _was
from .._vocabulary import role as _role
from ..errors import Error, TierNotInForceError, UnknownPlaceError, _quoted
from ..model import (
    Confidence,
    Fact,
    Membership,
    Role,
    Territory,
    Tier,
    When,
    unique_sources,
)
from ..model import Coverage as Standing
from ..places import iso_parents, iso_territories
from ..registry import _CACHE_LIMIT, Registry, _keyable
from ._china import CHINA, china_administration, china_edge, partner_of_china, programme_tiers
from ._explain import _the
from ._judge import (
    begun,
    counted,
    ended_from,
    implemented_by,
    judge,
    operating_by,
    refusal,
    signed_by,
    signed_from,
    weigh,
)
from ._model import (
    Administration,
    Bilateral,
    CommonProgramme,
    Completeness,
    Partner,
    Plurilateral,
    ProgrammeTier,
    PublishedCount,
    Recogniser,
    Recognition,
    StepKind,
    WorldDataset,
    WorldReason,
    WorldSummary,
    certain,
    weakest,
)
from ._names import (
    Names,
    UnknownAdministrationError,
    UnknownArrangementError,
    UnknownTierError,
    splits,
)

__all__ = ["SameAdministrationError", "World"]

_RANK = [Verdict.YES, Verdict.PROBABLY, Verdict.UNKNOWN, Verdict.PROBABLY_NOT, Verdict.NO]


class SameAdministrationError(Error, ValueError):
    """The place is cleared by the holder's own administration: no recognition is needed.

    Attributes:
        holder: The holder's administration id.
        place: The place as given.
        on: The day asked about.
        within: The place the holder was named by, where its AEOs were the union's on
            that day (``GB`` in 2020, answered as ``EU``); ``None`` otherwise.
    """

    def __init__(self, holder: str, place: object, on: date, within: str | None = None) -> None:
        self.holder = holder
        self.place = place
        self.on = on
        self.within = within
        held = "" if within is None else f", and so is {within}"
        super().__init__(
            f"{_quoted(place)} is in {holder}'s own customs territory on {on}{held}: "
            "name a place cleared by another administration"
        )


class World:
    """The world's AEO mutual recognition arrangements as one graph.

    Its ``bilaterals`` include arrangements not yet signed, recorded by their joint work
    plans alone: these link no one.

    Args:
        data: The world data.
        china: The registry of the China dataset, whose arrangements become China's edges.
    """

    def __init__(self, data: WorldDataset, china: Registry) -> None:
        self.data = data
        self.china = china
        records = china.dataset.arrangements
        administrations = {CHINA: china_administration(china)}
        for record in records:
            administrations[record.id] = partner_of_china(record)
        by_id = {record.id: record for record in records}
        for ident, described in data.administrations.items():
            tiers = programme_tiers(described, by_id.get(ident))
            same = tiers == described.tiers  # else the China record lists them
            administrations[ident] = described if same else attrs.evolve(described, tiers=tiers)
        self.administrations: Mapping[str, Administration] = MappingProxyType(administrations)
        self.bilaterals = (
            tuple(china_edge(r, administrations[r.id]) for r in records) + data.bilaterals
        )
        self.plurilaterals = data.plurilaterals
        self.commons = data.commons
        # an arrangement recorded only by its joint work plans links no one
        signed = tuple(b for b in self.bilaterals if b.step(StepKind.SIGNED) is not None)
        self._pairs = {frozenset(b.parties): b for b in signed}
        self._of, self._groupings = _by_party(signed, (*self.plurilaterals, *self.commons))
        # each administration's bilateral joint work plans, each with the party across
        self._plans: dict[str, list[tuple[Fact[When], str, Bilateral]]] = {}
        for bilateral in self.bilaterals:
            if (plan := bilateral.step(StepKind.WORK_PLAN)) is not None:
                for party in bilateral.parties:
                    entry = (plan, bilateral.other(party), bilateral)
                    self._plans.setdefault(party, []).append(entry)
        self._signed = _signed_by_party(self._of)
        self._names = Names(administrations, self.plurilaterals, self.commons, china)
        # check()'s answers, by holder, place, day and role: at most _CACHE_LIMIT
        self._answers: dict[tuple[object, ...], Recognition] = {}
        # each place's records in an administration's list of places, in the data's order
        self._places: dict[str, list[tuple[Administration, Membership]]] = {}
        for owner in administrations.values():
            for member in owner.members:
                self._places.setdefault(member.territory, []).append((owner, member))

    @property
    def version(self) -> str:
        """The version of the world data."""
        return self.data.version

    @property
    def reviewed(self) -> date:
        """The day the world data was last checked against the public record."""
        return self.data.reviewed

    @property
    def published(self) -> tuple[PublishedCount, ...]:
        """Counts of arrangements published over the years, each with its sources; compare
        one with ``summary(count.administration, on=count.on).count(count.counted)``."""
        return self.data.published

    # -- names ---------------------------------------------------------------------------

    def administration(self, name: str, on: date | None = None) -> Administration:
        """The administration with id or name ``name`` (any case), e.g. ``KR`` or ``Japan``.

        Raises:
            UnknownAdministrationError: Naming the valid ids, and the union whose customs
                territory holds the place ``name`` names on ``on`` (default: today), if any.
        """
        try:
            administration, tier = self.holder(name)
        except UnknownAdministrationError as unknown:
            union = self._union_of(name, day_or_today(on))
            if union is not None:
                hint = f" (it is in the customs territory of {_the(union.name)}: name {union.id})"
                raise UnknownAdministrationError(
                    name, self._names.ids(), hint, listed=False
                ) from unknown
            raise UnknownAdministrationError(
                name, self._names.ids(), unknown.hint, unknown.suggestions, example=""
            ) from unknown
        if tier is not None:
            hint = f" (it names a tier: name the administration alone, {administration.id})"
            raise UnknownAdministrationError(
                name, self._names.ids(), hint, listed=False, unknown="administration"
            )
        return administration

    def _union_of(self, name: str, day: date) -> Administration | None:
        """The union whose customs territory holds the place ``name`` names on ``day``: a
        member's (``DE``), or a place's the data records inside it (``MC``; ``JE`` until
        2020-12-31)."""
        try:
            within = self._inside_union(self._names.place(name).code, day)
        except (UnknownPlaceError, TypeError):
            return None
        return None if within is None else within[0]

    def holder(self, name: str) -> tuple[Administration, ProgrammeTier | None]:
        """The administration and programme tier ``name`` names.

        ``KR``, ``Korea`` or an alias (``CTPAT``) name an administration; ``EU/AEOS`` a tier
        of its programme, ``KW/GCC-AEO`` the common status of a common programme it takes
        part in; a tier code alone (``AEOS``) when one administration's programme has it.

        Raises:
            UnknownAdministrationError: Naming the valid ids.
            TypeError: ``name`` is not a string.
        """
        return self._names.holder(name)

    def _holder_on(
        self, name: str, day: date
    ) -> tuple[Administration, ProgrammeTier | None, Membership | None]:
        """The administration and tier ``name`` names, as on ``day``: the AEOs of a place
        inside a union's customs territory that day (Germany; the United Kingdom until
        2020-12-31) are the union's, and the place's membership is the third value (else
        ``None``).

        Raises:
            UnknownAdministrationError: ``name`` names neither an administration nor a place
                in a union's customs territory that day, or a tier the union does not have.
            TierNotInForceError: ``name`` names a tier of China's that did not exist that
                day (``CN/AA`` after 2014-11-30).
        """
        if isinstance(name, str):
            self._names.refuse_long(name)  # raised here, not read as a place in a union
        try:
            administration, tier = self.holder(name)
        except UnknownAdministrationError as unknown:
            return self._member_holder(name, day, unknown)
        if administration.id == CHINA and tier is not None and tier.code in Tier.__members__:
            period = self.china.dataset.tiers[Tier[tier.code]]
            if not period.in_force(day):  # named with the tiers of the programme then
                valid = [f"{CHINA}/{t.code}" for t in self._tiers_on(administration, day)]
                raise TierNotInForceError(tier.code, day, valid, str(period))
        within = self._inside_union(administration.id, day)
        if within is None:
            return administration, tier, None
        union, membership = within
        place = self.china.places.territory(administration.id)
        union_tier = None if tier is None else self._names.tier(union, tier.code)
        if tier is not None and union_tier is None:
            raise UnknownTierError(name, union, self._names.tiers(union), (place, day))
        return union, union_tier, membership

    def _member_holder(
        self, name: str, day: date, unknown: UnknownAdministrationError
    ) -> tuple[Administration, ProgrammeTier | None, Membership]:
        """A place in a union's customs territory on ``day`` (``DE``, ``Germany/AEOS``) as the
        union's holder; else ``unknown``, with the places close to ``name`` suggested too."""
        text = name.strip()
        hint, suggestions = unknown.hint, unknown.suggestions
        wrong_tier = unknown if isinstance(unknown, UnknownTierError) else None
        for head, tail in [(text, ""), *splits(text)]:
            try:
                place = self._names.place(head)
            except UnknownPlaceError as error:
                if not hint and error.hint:  # a placeholder, or a code in lower case
                    hint, suggestions = f" ({error.hint})", ()
                elif not hint:  # a name close to a place's, as none is close to a tier's
                    suggestions += tuple(s for s in error.suggestions if s not in suggestions)
                continue
            union, membership = self.cleared_by(place.code, day)
            if membership is not None and not membership.covers(day):
                why = _not_inside(place, self._union_with(membership), membership, day)
                hint, suggestions = f" ({why})", ()
            if union is None or membership is None or not membership.covers(day):
                continue
            tier = self._names.tier(union, tail) if tail else None
            if tail and tier is None:
                wrong_tier = UnknownTierError(name, union, self._names.tiers(union), (place, day))
                continue
            return union, tier, membership
        if wrong_tier is not None:
            raise wrong_tier
        raise UnknownAdministrationError(name, self._names.ids(), hint, suggestions[:3])

    def union_of(self, administration: str, on: date | None = None) -> str | None:
        """The union whose customs territory ``administration`` was inside on ``on``, if
        any: its AEOs were the union's (``EU`` for ``GB`` until 2020-12-31).

        Raises:
            UnknownAdministrationError: Naming the valid ids.
        """
        day = day_or_today(on)
        within = self._inside_union(self.administration(administration, on=day).id, day)
        return None if within is None else within[0].id

    def _union_with(self, membership: Membership) -> Administration:
        """The administration whose list of places holds ``membership``."""
        return next(u for u, m in self._places[membership.territory] if m is membership)

    def _inside_union(self, ident: str, day: date) -> tuple[Administration, Membership] | None:
        """The union whose customs territory the administration ``ident`` was inside on
        ``day`` (the EU, for the United Kingdom until 2020-12-31), and its membership."""
        union, membership = self.cleared_by(ident, day)
        if union is None or union.id == ident or membership is None or not membership.covers(day):
            return None  # its own, outside the union's territory, or not settled
        return union, membership

    def _held(self, union: Administration, membership: Membership, day: date) -> str:
        """The caveat of a holder named by a place in ``union``'s customs territory."""
        place = self.china.places.territory(membership.territory)
        return (
            f"On {day} {_the(place.name)} {_was(place.name)} in the customs territory of "
            f"{_the(union.name)}: "
            f"its AEOs were authorised under the {union.programme}, so this answer is for an "
            f"AEO of {_the(union.name)} ({union.id})."
        )

    def cleared_by(self, code: str, day: date) -> tuple[Administration | None, Membership | None]:
        """The administration clearing goods at the place ``code`` on ``day``, and the
        union membership record that says so (or says why not)."""
        seen = None
        for union, member in self._places.get(code, ()):
            if member.applies(day):
                return union, member
            seen = member
        return self.administrations.get(code), seen

    # -- questions -----------------------------------------------------------------------

    def check(
        self,
        holder: str,
        place: str | int,
        on: date | None = None,
        *,
        role: Role = Role.EXPORTER,
    ) -> Recognition:
        """Is an AEO of ``holder`` trading with ``place`` on ``on`` recognised there?

        Args:
            holder: An administration (``KR``, ``EU``, ``Japan``, or its programme's name,
                ``CTPAT``) or a tier of its programme (``EU/AEOS``, also ``EU-AEOS`` or
                ``EU AEOS``). A place inside a union's customs territory on the day names
                the union (``DE``, ``Germany/AEOS``; ``GB`` until 2020-12-31), and a caveat
                says so. Where the arrangement recognises only some of the programme's
                tiers, name one: else the answer is ``UNKNOWN`` (``TIER_NEEDED``).
            place: ISO code, English or Chinese name of the place traded with.
            on: The day (default: today).
            role: ``EXPORTER`` ships to the place; ``IMPORTER`` receives from it.

        Raises:
            UnknownAdministrationError: ``holder`` names nothing the data knows.
            UnknownPlaceError: ``place`` names no place.
            SameAdministrationError: The place is in the holder's own customs territory.
            TierNotInForceError: The holder is a tier of China's that did not exist that day.
        """
        plain = type(holder) is str and (type(place) is str or type(place) is int)
        if plain and type(on) is date and type(role) is Role:  # asked before: one lookup
            found = self._answers.get((holder, place, on, role))
            if found is not None:
                return found
        day, role = day_or_today(on), _role(role)
        key = (holder, place, day, role) if _keyable(holder) and _keyable(place) else None
        if key is not None and (found := self._answers.get(key)) is not None:
            return found
        answer = self._recognition(holder, place, day, role)
        if key is not None:
            if len(self._answers) >= _CACHE_LIMIT:
                self._answers.clear()
            self._answers[key] = answer
        return answer

    def _recognition(self, holder: str, place: str | int, day: date, role: Role) -> Recognition:
        """`check`'s answer, decided afresh."""
        administration, tier, held = self._holder_on(holder, day)
        territory = self._names.place(place)
        cleared, membership = self.cleared_by(territory.code, day)
        unsettled = membership is not None and _unsettled(membership, day)
        home = self.administrations.get(territory.code) if unsettled else cleared
        if home is administration:  # a place not known to be in a union's territory: its own
            within = None if held is None else held.territory
            raise SameAdministrationError(administration.id, place, day, within)
        first = () if held is None else (self._held(administration, held, day),)
        caveats, left = [], self._left(territory.code, day)
        if membership is not None and not membership.applies(day):  # before joining, or after
            union = self._union_with(membership)
            caveats.append(_outside_union(territory, union, membership, day))
            membership = None
        elif left is not None:  # it left one union's territory for another's records (Jersey)
            caveats.append(_outside_union(territory, self._union_with(left), left, day))
        if day > self.reviewed:
            caveats.append(unreviewed(self.reviewed, day))
        if cleared is None:
            decision = self._unrecorded(administration, territory, left is not None, day)
        elif membership is not None and not membership.covers(day):
            decision = self._outside_or_own(administration, tier, cleared, membership, day, role)
            cleared = decision.administration  # the place's own, where its arrangement decides
        else:
            decision = self.decide(administration, tier, cleared, day, role)
            if membership is not None:  # a union's place: its membership decides too
                decision = _with_membership(decision, membership)
            if held is not None:  # so does the holder's, where it is a union's place
                decision = _with_membership(decision, held)
        unlinked = decision.reason is WorldReason.NOT_A_PARTNER
        if unlinked and left is not None:  # the place left a union (Jersey)
            decision = self._no_longer_covered(decision, administration, left)
        elif unlinked and cleared is not None:  # or the holder did (the United Kingdom)
            gone = self._left(administration.id, day)
            if gone is not None:
                decision = self._no_longer_covered(decision, cleared, gone)  # as check_foreign()
            if gone is not None and decision.reason is WorldReason.NO_LONGER_COVERED:
                own = self._names.place(administration.id)
                caveats.append(_outside_union(own, self._union_with(gone), gone, day))
        shared = (  # named only where no arrangement links the two
            self._shared(administration, cleared, day)
            if decision.reason is WorldReason.NOT_A_PARTNER
            else ()
        )
        return Recognition(
            recognised=decision.verdict is Verdict.YES,
            verdict=decision.verdict,
            reason=decision.reason,
            holder=administration,
            tier=tier,
            place=territory,
            administration=cleared,
            on=day,
            role=role,
            arrangement=decision.arrangement,
            shared_partners=shared,
            caveats=(*first, *decision.caveats, *caveats),
            sources=decision.sources,
            confidence=decision.confidence,
            data_version=self.version,
            data_reviewed=self.reviewed,
        )

    def _outside_or_own(
        self,
        holder: Administration,
        tier: ProgrammeTier | None,
        union: Administration,
        membership: Membership,
        day: date,
        role: Role,
    ) -> Recogniser:
        """The answer for a place in a union's list whose customs territory it is not known
        (or known not) to be in: its own administration's arrangement with the holder
        decides, where there is one (the EU's with Andorra); else the union's standing. A
        place known to be outside is outside for every holder; one of unknown standing
        matters only where the holder's arrangement with the union may give the holder
        benefits, as `check()` answers for China's places: with none, before one is in
        effect, or where it refuses the holder's tier or role anywhere, the union's answer
        stands."""
        own = self.administrations.get(membership.territory)
        if own is not None and own is not holder:
            decision = self.decide(holder, tier, own, day, role)
            if decision.arrangement is not None:
                return decision
        unknown = membership.basis is not None and membership.basis.value is Standing.UNKNOWN
        with_union = None if union is holder else self.decide(holder, tier, union, day, role)
        if unknown and with_union is not None:
            moot = with_union.reason in _WHEREVER and with_union.verdict in _FIRM_NO
            if with_union.reason is WorldReason.NOT_A_PARTNER or moot:
                return with_union
        return _outside(union, membership, with_union.arrangement if with_union else None)

    def _left(self, code: str, day: date) -> Membership | None:
        """The membership of the place ``code`` in a union's customs territory that ended
        last before ``day`` (Jersey's in the EU's, until 2020-12-31), if any."""
        ended = {
            m.until.value: m
            for _, m in self._places.get(code, ())
            if m.until is not None and m.until.value < day
        }
        return ended[max(ended)] if ended else None

    def _no_longer_covered(
        self, decision: Recogniser, holder: Administration, left: Membership
    ) -> Recogniser:
        """``decision`` (no known arrangement) where one side's membership ``left`` of a
        union's customs territory has ended (the place's, Jersey's; or the holder's, the
        United Kingdom's): ``NO_LONGER_COVERED`` under the other side's (``holder``'s)
        arrangement with the union, if recognition under it had begun by its last day."""
        assert left.until is not None  # an ended membership has a last day
        union, last = self._union_with(left), left.until.value
        between = self._between(holder.id, union.id)
        covered = [a for a in between if begun(a, holder.id, union.id, last) is Verdict.YES]
        if not covered:
            return decision
        return attrs.evolve(
            decision,
            reason=WorldReason.NO_LONGER_COVERED,
            arrangement=covered[0],
            sources=unique_sources([decision.sources, covered[0].sources]),
        )

    def arrangement(self, id: str) -> Bilateral | Plurilateral | CommonProgramme:
        """The arrangement (or common programme) with ``id``, in any case: ``EU-JP``,
        ``PACIFIC-ALLIANCE``, ``GCC-AEO``; a bilateral one also by its parties' ids in the
        other order (``JP-EU``). China's are ``CN-`` and the China record's id (``CN-EU``).

        Raises:
            UnknownArrangementError: No arrangement has the id; the error suggests close ones,
                or, where the id names an administration, to ask for its partners.
            TypeError: ``id`` is not a string.
        """
        if not isinstance(id, str):
            raise TypeError(f"an arrangement id must be a string, not {type(id).__name__}")
        key = id.strip().upper()
        parts = key.split("-")
        everything: tuple[Bilateral | Plurilateral, ...] = (
            *self.bilaterals,
            *self.plurilaterals,
            *self.commons,
        )
        for found in everything:
            pair = [*found.parties] if isinstance(found, Bilateral) else None
            if found.id == key or parts in (pair, pair and pair[::-1]):
                return found
        ids = [found.id for found in everything]
        named = self._names.administration(id.strip())
        if named is not None:  # "ID", "Korea": an administration's arrangements are partners
            raise UnknownArrangementError(id, ids, (), f"{named.id} ({named.name})")
        import difflib  # only for a mistyped id

        raise UnknownArrangementError(id, ids, difflib.get_close_matches(key, ids, n=3))

    def recognisers(
        self, holder: str, on: date | None = None, *, role: Role = Role.EXPORTER
    ) -> tuple[Recogniser, ...]:
        """Every administration with an arrangement (or a common programme) with
        ``holder``'s that may have been signed (or in force) by ``on``, and whether it
        recognises ``holder`` (an administration, a tier of its programme or a common
        status, ``KW/GCC-AEO``) on ``on``, for an AEO that exports to it or, with
        ``role=Role.IMPORTER``, imports from it.

        The reverse question: "which administrations recognise EU/AEOS?". Answers with
        a ``YES`` verdict are firm; the others say why not, or what is unknown.

        Raises:
            UnknownAdministrationError: ``holder`` names nothing the data knows.
            TierNotInForceError: The holder is a tier of China's that did not exist that day.
            TypeError: ``on`` is not a date, or ``role`` not a Role.
        """
        day, role = day_or_today(on), _role(role)
        administration, tier, held = self._holder_on(holder, day)
        ids = dict.fromkeys(  # not one signed only later
            other
            for arrangement, other in self._arrangements_of(administration.id)
            if _possible_by(arrangement, day)
        )
        others = [  # nor one inside a union's customs territory that day (GB until 2020):
            self.administrations[p] for p in ids if self.union_of(p, day) is None
        ]  # the union's answer is its answer
        found = (self.decide(administration, tier, o, day, role) for o in others)
        if held is None:
            return tuple(found)
        caveat = self._held(administration, held, day)
        return tuple(
            attrs.evolve(_with_membership(r, held), caveats=(caveat, *r.caveats)) for r in found
        )

    def partners(self, administration: str, on: date | None = None) -> tuple[Partner, ...]:
        """The partners of ``administration``: arrangements certainly signed by ``on``, not ended.

        A common programme is no arrangement: its members are not partners by it. A pilot
        is a partner here (its arrangement's ``instrument`` is ``PILOT``: China's with
        Taiwan), though `summary` leaves pilots out of its counts, as published counts do. An
        administration inside a union's customs territory on ``on`` (the United Kingdom
        until 2020-12-31) has only its own arrangements here, though its AEOs were the
        union's: `union_of` names the union.

        Raises:
            UnknownAdministrationError: Naming the valid ids.
        """
        day = day_or_today(on)
        own = self.administration(administration, on=day)
        return tuple(
            Partner(
                self.administrations[other], arrangement, begun(arrangement, own.id, other, day)
            )
            for arrangement, other in self._signed_with(own.id, day)
        )

    def _signed_with(self, ident: str, day: date) -> list[tuple[Bilateral | Plurilateral, str]]:
        """``ident``'s arrangements certainly signed by ``day`` and not ended, each with the
        party across."""
        return [
            (arrangement, other)
            for first, ended, arrangement, other in self._signed.get(ident, ())
            if first <= day and (ended is None or day < ended)
        ]

    def summary(self, administration: str | None = None, on: date | None = None) -> WorldSummary:
        """Counts of arrangements signed and implemented by ``on``, and apart from them of
        bilateral joint work plans not yet signed: the world's, or one administration's
        (bilateral pilots are not counted)."""
        day = day_or_today(on)
        if administration is not None:
            own = self.administration(administration, on=day)
            partners = [p for p in self.partners(own.id, on=day) if counted(p.arrangement)]
            bilateral = [p for p in partners if isinstance(p.arrangement, Bilateral)]
            plural: dict[str, bool] = {}  # live for it: recognition begun with some member
            for p in partners:
                if isinstance(p.arrangement, Plurilateral):
                    plural[p.arrangement.id] = plural.get(p.arrangement.id, False) or (
                        p.implementation in BY_DATES
                    )
            return WorldSummary(
                on=day,
                administration=own.id,
                bilateral_signed=len(bilateral),
                bilateral_implemented=sum(p.implementation in BY_DATES for p in bilateral),
                bilateral_implementation_unknown=sum(
                    p.implementation is Verdict.UNKNOWN for p in bilateral
                ),
                plurilateral_signed=len(plural),
                plurilateral_implemented=sum(plural.values()),
                partners=tuple(dict.fromkeys(p.administration.id for p in partners)),
                complete=own.coverage.complete_on(day, self.reviewed),
                union=self.union_of(own.id, day),
                bilateral_planned=len(planned := self._planned_with(own.id, day)),
                planned=tuple(other for _, other in planned),
            )
        signed = [b for b in self.bilaterals if counted(b) and signed_by(b, day)]
        plurilateral = [p for p in self.plurilaterals if signed_by(p, day)]
        return WorldSummary(
            on=day,
            administration=None,
            bilateral_signed=len(signed),
            bilateral_implemented=sum(implemented_by(b, day) for b in signed),
            bilateral_implementation_unknown=sum(
                begun(b, *b.parties, day) is Verdict.UNKNOWN for b in signed
            ),
            plurilateral_signed=len(plurilateral),
            plurilateral_implemented=sum(operating_by(p, day) for p in plurilateral),
            partners=(),
            complete=all(
                a.coverage.complete_on(day, self.reviewed) for a in self.administrations.values()
            ),
            union=None,
            # each plan is one of both its parties'
            bilateral_planned=sum(len(self._planned_with(i, day)) for i in self._plans) // 2,
            planned=(),
        )

    def _planned_with(self, ident: str, day: date) -> list[tuple[Fact[When], str]]:
        """``ident``'s bilateral joint work plans on ``day``, each with the party across:
        agreed by then, by the plan's recorded date, the arrangement not certainly signed,
        and the two not partners by another."""
        plans = self._plans.get(ident)
        if not plans:
            return []
        partners = {other for _, other in self._signed_with(ident, day)}
        return [
            (plan, other)
            for plan, other, bilateral in plans
            if plan.value.known_by(day) and not signed_by(bilateral, day) and other not in partners
        ]

    # -- the decision ----------------------------------------------------------------------

    def decide(
        self,
        holder: Administration,
        tier: ProgrammeTier | None,
        other: Administration,
        day: date,
        role: Role,
    ) -> Recogniser:
        """Whether ``other`` recognises an AEO of ``holder`` (of ``tier``) on ``day``."""
        tiers = self._tiers_on(holder, day)
        answers = []
        for arrangement in self._between(holder.id, other.id):
            found = weigh(
                other, arrangement, *judge(arrangement, holder, tier, other.id, day, role, tiers)
            )
            refused = refusal(arrangement, holder, tier, other.id, role)
            if (
                refused
                and found.reason in _NOT_YET
                and self._outlasts(refused[0], tier, holder, arrangement)
            ):
                found = _refused_later(found, holder, tier, refused)
            answers.append(_with_plan(found, arrangement, day))
        if not answers:
            return self._not_a_partner(holder, other, day)
        return min(answers, key=lambda a: _RANK.index(a.verdict))

    def _outlasts(
        self,
        refused: WorldReason,
        tier: ProgrammeTier | None,
        holder: Administration,
        arrangement: Bilateral | Plurilateral,
    ) -> bool:
        """Whether a refusal tells the holder something about later: not a refusal of
        ``tier`` where the tier ends first, as China's AA class did before the EU
        arrangement began."""
        china = holder.id == CHINA and refused is WorldReason.TIER_NOT_RECOGNISED
        periods = self.china.dataset.tiers.items() if china and tier else ()
        period = next((p for t, p in periods if tier and t.name == tier.code), None)
        return period is None or tier_meets(period, arrangement.step(StepKind.IMPLEMENTED))

    def _tiers_on(self, holder: Administration, day: date) -> tuple[ProgrammeTier, ...]:
        """The tiers of ``holder``'s programme on ``day``: China's as the China dataset dates
        them (the AA class until 2014-11-30, then advanced certified), others' all."""
        if holder.id != CHINA:
            return holder.tiers
        periods = {tier.name: period for tier, period in self.china.dataset.tiers.items()}
        return tuple(
            t for t in holder.tiers if t.code not in periods or periods[t.code].in_force(day)
        )

    def _unrecorded(
        self, holder: Administration, place: Territory, left_union: bool, day: date
    ) -> Recogniser:
        """The answer for a place no administration in the data clears. A complete list of
        the holder's partners settles it for a place that clears its own goods, but not for
        one ISO 3166-2 lists as a dependent part of another country, or one that left a
        union's customs territory, where no record says which customs clears it: an
        arrangement of the holder's may cover it. China's records name every territory they
        cover, so they settle every place. (The bundled data records every such place; a
        world dataset a user loads may not.)"""
        parent = iso_parents().get(place.code)
        if holder.id == CHINA or (parent is None and not left_union):
            return self._not_a_partner(holder, None, day)
        if parent is not None:
            why = f"ISO 3166-2 lists {_the(place.name)} as a dependent part of "
            why += _the(iso_territories()[parent].name)
        else:
            why = f"{_the(place.name)} left the customs territory of a union"
        return Recogniser(
            administration=_UNKNOWN,
            verdict=Verdict.UNKNOWN,
            reason=WorldReason.COVERAGE_UNKNOWN,
            arrangement=None,
            confidence=Confidence.LOW,
            sources=(),
            caveats=(
                f"{_capitalised(why)}; the data does not record which customs administration "
                f"clears its goods, so an arrangement of {_the(holder.name)}'s may cover it.",
            ),
        )

    def _not_a_partner(
        self, holder: Administration, other: Administration | None, day: date
    ) -> Recogniser:
        sides = [holder] if other is None else [holder, other]
        complete = [a for a in sides if a.coverage.complete_on(day, self.reviewed)]
        sources = tuple(s for a in complete for s in a.coverage.sources)
        plans = [] if other is None else self._planned_with(holder.id, day)
        plan = next((p for p, across in plans if other is not None and across == other.id), None)
        return Recogniser(
            administration=other or _UNKNOWN,
            verdict=Verdict.NO if complete else Verdict.UNKNOWN,
            reason=WorldReason.NOT_A_PARTNER,
            arrangement=None,
            confidence=Confidence.HIGH if complete else Confidence.LOW,
            sources=sources if plan is None else unique_sources([sources, plan.sources]),
            caveats=() if plan is None or other is None else (_plan_caveat(holder, other, plan),),
        )

    def _between(self, first: str, second: str) -> list[Bilateral | Plurilateral]:
        """The arrangements that recognise between ``first`` and ``second``."""
        bilateral = self._pairs.get(frozenset((first, second)))
        groupings = self._groupings.get((first, second), [])
        return [*groupings] if bilateral is None else [bilateral, *groupings]

    def _arrangements_of(self, ident: str) -> list[tuple[Bilateral | Plurilateral, str]]:
        """``ident``'s arrangements, each with the party across."""
        return self._of.get(ident, [])

    def _shared(
        self, holder: Administration, other: Administration | None, day: date
    ) -> tuple[str, ...]:
        """Administrations both sides have signed arrangements with by ``day``."""
        if other is None:
            return ()
        mine = {ident for _, ident in self._signed_with(holder.id, day)}
        theirs = {ident for _, ident in self._signed_with(other.id, day)}
        return tuple(sorted(self.administrations[ident].name for ident in mine & theirs))


_Party = dict[str, list[tuple[Bilateral | Plurilateral, str]]]


def _by_party(
    bilaterals: tuple[Bilateral, ...], groupings: tuple[Plurilateral, ...]
) -> tuple[_Party, dict[tuple[str, str], list[Plurilateral]]]:
    """Each administration's arrangements, each with the party across, in the data's order;
    and for two administrations, the plurilaterals (and common programmes) that recognise
    between them."""
    of: _Party = {}
    for bilateral in bilaterals:
        for party in bilateral.parties:
            of.setdefault(party, []).append((bilateral, bilateral.other(party)))
    between: dict[tuple[str, str], list[Plurilateral]] = {}
    for grouping in groupings:
        for ident in dict.fromkeys(m.administration for m in grouping.members):
            for other in grouping.counterparts(ident):
                of.setdefault(ident, []).append((grouping, other))
                between.setdefault((ident, other), []).append(grouping)
    return of, between


def _signed_by_party(
    of: _Party,
) -> dict[str, list[tuple[date, date | None, Bilateral | Plurilateral, str]]]:
    """Each administration's arrangements that a day certainly signed (not common programmes:
    one programme, no arrangement), each with that day, the day it certainly ended (or
    ``None``) and the party across."""
    return {
        ident: [
            (first, ended_from(arrangement), arrangement, other)
            for arrangement, other in arrangements
            if not isinstance(arrangement, CommonProgramme)
            and (first := signed_from(arrangement)) is not None
        ]
        for ident, arrangements in of.items()
    }


_NONE = Completeness(False, None, "", ())
_UNKNOWN = Administration("?", "no administration in the data", "", (), (), _NONE, ())


def _plan_caveat(holder: Administration, other: Administration, plan: Fact[When]) -> str:
    """The caveat of two administrations with a joint work plan and no arrangement."""
    sides = f"{_capitalised(_the(holder.name))} and {_the(other.name)}"
    return (
        f"{sides} agreed a joint work (or action) plan towards an arrangement {_agreed(plan)}; "
        "the data records no arrangement between them signed since."
    )


_NOT_YET = frozenset(
    {
        WorldReason.NOT_YET_SIGNED,
        WorldReason.SIGNED_NOT_IMPLEMENTED,
        WorldReason.NOT_YET_LIVE,
        WorldReason.NOT_YET_OPEN,
    }
)


def _refused_later(
    answer: Recogniser,
    holder: Administration,
    tier: ProgrammeTier | None,
    refused: tuple[WorldReason, Fact[object]],
) -> Recogniser:
    """``answer``, a "not yet", saying among its caveats that the arrangement's refusal of
    the holder's tier, or of an importer, will outlast it."""
    reason, fact = refused
    if reason is WorldReason.TIER_NOT_RECOGNISED:
        assert tier is not None
        assert isinstance(fact.value, tuple)
        named = " and ".join(f"{holder.id}/{code}" for code in fact.value)
        caveat = (
            f"Once in effect it will not recognise {holder.id}/{tier.code} either: it "
            f"recognises only {named}."
        )
    else:
        caveat = (
            "Once in effect it will not help an importer either: under it, "
            f"{_the(answer.administration.name)} facilitates only goods imported from the "
            "other side's AEOs."
        )
    sources = unique_sources([answer.sources, fact.sources])
    return attrs.evolve(answer, caveats=(*answer.caveats, caveat), sources=sources)


def _with_plan(answer: Recogniser, arrangement: Bilateral | Plurilateral, day: date) -> Recogniser:
    """``answer``, naming among its caveats the joint work plans agreed by ``day`` towards an
    arrangement not yet signed then."""
    if answer.reason is not WorldReason.NOT_YET_SIGNED:
        return answer
    plans = [
        s.when
        for s in arrangement.steps
        if s.kind is StepKind.WORK_PLAN and s.when.value.known_by(day)
    ]
    if not plans:
        return answer
    days = " and ".join(_agreed(plan) for plan in plans)
    caveat = (
        f"A joint work (or action) plan towards it was agreed {days}: a step before the "
        "signing, which recognises no one."
        if len(plans) == 1
        else f"Joint work (or action) plans towards it were agreed {days}: steps before the "
        "signing, which recognise no one."
    )
    return attrs.evolve(
        answer,
        caveats=(*answer.caveats, caveat),
        sources=unique_sources([answer.sources, *(plan.sources for plan in plans)]),
    )


def _agreed(plan: Fact[When]) -> str:
    """When a joint work plan was agreed, marked where the step is inferred (its date, or
    that it was a plan)."""
    return plan.value.phrase + (" (inferred)" if plan.inferred else "")


def _possible_by(arrangement: Bilateral | Plurilateral | CommonProgramme, day: date) -> bool:
    """Whether it may have been signed by ``day`` (a common programme: been in force)."""
    first = arrangement.step(StepKind.SIGNED) or arrangement.step(StepKind.IMPLEMENTED)
    return first is not None and first.value.possible_by(day)


def _with_membership(decision: Recogniser, membership: Membership) -> Recogniser:
    """``decision``, softened when the place's membership rests on an inference: a yes
    becomes probable, with the membership's notes among its caveats. (A no stays firm: it
    holds whether the place is covered or not.)"""
    facts: list[Fact[object]] = [
        f for f in (membership.since, membership.until, membership.basis) if f is not None
    ]
    if decision.verdict is not Verdict.YES or certain(facts):
        return decision
    notes = [f.note for f in facts if f.note and f.note not in decision.caveats]
    return attrs.evolve(
        decision,
        verdict=Verdict.PROBABLY,
        confidence=min(decision.confidence, weakest(facts)),
        sources=unique_sources([decision.sources, *(f.sources for f in facts)]),
        caveats=(*decision.caveats, *notes),
    )


_WHEREVER = (
    WorldReason.NOT_YET_SIGNED,
    WorldReason.SIGNED_NOT_IMPLEMENTED,
    WorldReason.SUSPENDED,
    WorldReason.ENDED,
    WorldReason.TIER_NOT_RECOGNISED,
    WorldReason.ROLE_OUT_OF_SCOPE,
)
"""The reasons of a no that holds for a place whatever its standing in a union's customs
territory: the arrangement gives it nothing anywhere, not yet or no more, or not to this
holder."""
_FIRM_NO = (Verdict.NO, Verdict.PROBABLY_NOT)
BY_DATES = (Verdict.YES, Verdict.PROBABLY)
"""A partner's implementation that counts as begun by the recorded dates, as published
counts count them: some dates are inferred or of low confidence."""


def _unsettled(membership: Membership, day: date) -> bool:
    """Whether a place's ``membership`` of a union's customs territory applies on ``day``
    without settling that the place is inside it (Jersey's of the United Kingdom's)."""
    return membership.applies(day) and not membership.covers(day)


def _outside(
    union: Administration, membership: Membership, arrangement: Bilateral | Plurilateral | None
) -> Recogniser:
    """The answer for a place outside ``union``'s customs territory, or not known to be in
    it, naming the holder's ``arrangement`` with the union whose reach that is, if any."""
    basis = membership.basis
    assert basis is not None  # a member that does not cover the place has a basis
    unknown = basis.value is Standing.UNKNOWN
    verdict = (
        Verdict.UNKNOWN if unknown else Verdict.NO if certain([basis]) else Verdict.PROBABLY_NOT
    )
    return Recogniser(
        administration=union,
        verdict=verdict,
        reason=WorldReason.COVERAGE_UNKNOWN if unknown else WorldReason.OUTSIDE_TERRITORY,
        arrangement=arrangement,
        confidence=basis.confidence,
        sources=basis.sources,
        caveats=(basis.note,) if basis.note else (),
    )


def _outside_union(
    territory: Territory, union: Administration, membership: Membership, day: date
) -> str:
    name, where = _capitalised(_the(territory.name)), _territory_of(union)
    if membership.since is not None and day < membership.since.value:
        return f"{name} joined {where} on {membership.since.value}."
    if membership.until is not None:
        return f"{name} left {where} after {membership.until.value}."
    return f"{name} {_is(territory.name)} not in {where} on that day."


def _territory_of(union: Administration) -> str:
    """``the customs territory of the European Union``."""
    return f"the customs territory of {_the(union.name)}"


def _not_inside(place: Territory, union: Administration, membership: Membership, day: date) -> str:
    """Why a place tied to a union is not in its customs territory on ``day``, or not
    known to be covered there."""
    if not membership.applies(day):
        return _outside_union(place, union, membership, day)[:-1]
    if membership.basis and membership.basis.value is Standing.OUTSIDE:
        return f"{_the(place.name)} {_is(place.name)} outside {_territory_of(union)}"
    return f"no source settles whether {_the(union.name)}'s arrangements cover {_the(place.name)}"
