"""The one table between songngu's statuses and XLIFF states, both ways, both versions.

Writing: a unit's status (and, for drafts, where its target came from) gives the XLIFF
1.2 ``<target state>``, ``state-qualifier`` and ``trans-unit approved``, and the XLIFF 2
``<segment state>`` with ``subState="songngu:<status>"`` (:data:`WRITE_TABLE`).

Reading maps back what songngu wrote and what other tools write (FIELD-NOTES §7):

- XLIFF 1.2 ``state`` with its ``state-qualifier`` (:data:`READ_12`); ``final`` is the
  only state read as approved (translate-toolkit and Weblate write ``approved="yes"`` on
  every translated unit, so that attribute alone cannot mean signed off);
- XLIFF 2 ``state``, refined by ``subState="songngu:<status>"`` only when the subState
  agrees with the state (a tool that moved the state on and kept our subState is read by
  its state);
- Trados ``sdl:conf`` and the ``origin`` of its ``sdl:seg`` (:data:`TRADOS_CONF`,
  :data:`TRADOS_ORIGIN`) and memoQ ``mq:status`` (:data:`MEMOQ_STATUS`), which win over
  the XLIFF state when present: those tools keep their own status there.

A draft's origin travels as the 1.2 state-qualifier; in XLIFF 2 it is unit metadata.
``docs/formats.md`` holds the table as :func:`markdown_table` writes it (a test compares).
"""

from __future__ import annotations

from dataclasses import dataclass

from primitives.statuses import Origin, Status

SUBSTATE_PREFIX = "songngu:"


@dataclass(frozen=True)
class StateRow:
    """How one status (a draft: of one origin) is written in both versions."""

    status: Status
    origin: Origin | None  # None: any origin
    state12: str
    qualifier12: str | None
    approved12: bool
    state2: str

    @property
    def substate2(self) -> str:
        return SUBSTATE_PREFIX + self.status.label


WRITE_TABLE: tuple[StateRow, ...] = (
    StateRow(Status.NEW, None, "new", None, False, "initial"),
    StateRow(Status.DRAFT, Origin.MT, "needs-review-translation", "leveraged-mt", False, "initial"),
    StateRow(Status.DRAFT, Origin.TM, "needs-review-translation", "leveraged-tm", False, "initial"),
    StateRow(
        Status.DRAFT,
        Origin.PROPAGATED,
        "needs-review-translation",
        "leveraged-inherited",
        False,
        "initial",
    ),
    StateRow(Status.DRAFT, None, "needs-review-translation", None, False, "initial"),
    StateRow(Status.REJECTED, None, "needs-translation", "rejected-inaccurate", False, "initial"),
    StateRow(Status.TRANSLATED, None, "translated", None, False, "translated"),
    StateRow(Status.REVIEWED, None, "signed-off", None, False, "reviewed"),
    StateRow(Status.APPROVED, None, "final", None, True, "final"),
)


def row_for(status: Status, origin: Origin = Origin.NONE) -> StateRow:
    """The row a unit of this status and origin is written with."""
    for row in WRITE_TABLE:
        if row.status == status and (row.origin is None or row.origin == origin):
            return row
    raise ValueError(f"no XLIFF state for {status!r}")  # every status has a row (tested)


@dataclass(frozen=True)
class ReadState:
    """What a unit's XLIFF markers say: its status and, when they tell, its origin."""

    status: Status
    origin: Origin | None = None


# XLIFF 1.2 state-qualifier -> where the target came from.
QUALIFIER_ORIGIN: dict[str, Origin] = {
    "leveraged-mt": Origin.MT,
    "mt-suggestion": Origin.MT,
    "leveraged-tm": Origin.TM,
    "tm-suggestion": Origin.TM,
    "exact-match": Origin.TM,
    "fuzzy-match": Origin.TM,
    "id-match": Origin.TM,
    "leveraged-repository": Origin.TM,
    "leveraged-glossary": Origin.TM,
    "leveraged-inherited": Origin.PROPAGATED,
}
REJECTED_QUALIFIERS = frozenset(
    {"rejected-grammar", "rejected-inaccurate", "rejected-length", "rejected-spelling"}
)

# XLIFF 1.2 state -> status, for a unit that has a target (one without is NEW).
READ_12: dict[str, Status] = {
    "new": Status.DRAFT,
    "needs-translation": Status.DRAFT,
    "needs-adaptation": Status.DRAFT,
    "needs-l10n": Status.DRAFT,
    "needs-review-translation": Status.DRAFT,
    "needs-review-adaptation": Status.DRAFT,
    "needs-review-l10n": Status.DRAFT,
    "translated": Status.TRANSLATED,
    "signed-off": Status.REVIEWED,
    "final": Status.APPROVED,
}
# XLIFF 2 state -> status, for a segment that has a target.
READ_2: dict[str, Status] = {
    "initial": Status.DRAFT,
    "translated": Status.TRANSLATED,
    "reviewed": Status.REVIEWED,
    "final": Status.APPROVED,
}
# Trados Studio's confirmation levels (sdl:seg conf).
TRADOS_CONF: dict[str, Status] = {
    "Draft": Status.DRAFT,
    "Translated": Status.TRANSLATED,
    "RejectedTranslation": Status.REJECTED,
    "ApprovedTranslation": Status.REVIEWED,
    "RejectedSignOff": Status.REJECTED,
    "ApprovedSignOff": Status.APPROVED,
}
# Trados's sdl:seg origin -> where the target came from.
TRADOS_ORIGIN: dict[str, Origin] = {
    "mt": Origin.MT,
    "nmt": Origin.MT,
    "automated-translation": Origin.MT,
    "tm": Origin.TM,
    "auto-propagated": Origin.PROPAGATED,
    "interactive": Origin.HUMAN,
    "source": Origin.HUMAN,
}
# memoQ's row status (mq:status) -> status and, when it says, origin.
MEMOQ_STATUS: dict[str, ReadState] = {
    "NotStarted": ReadState(Status.NEW),
    "PreTranslated": ReadState(Status.DRAFT, Origin.TM),
    "MachineTranslated": ReadState(Status.DRAFT, Origin.MT),
    "PartiallyEdited": ReadState(Status.DRAFT, Origin.HUMAN),
    "ManuallyConfirmed": ReadState(Status.TRANSLATED),
    "Reviewer1Confirmed": ReadState(Status.REVIEWED),
    "Proofread": ReadState(Status.APPROVED),
    "Rejected": ReadState(Status.REJECTED),
}


def _without_target(has_target: bool, read: ReadState) -> ReadState:
    """No target is NEW whatever a marker says: nothing to confirm."""
    return read if has_target else ReadState(Status.NEW)


def read_12(
    state: str | None, qualifier: str | None, approved: str | None, *, has_target: bool
) -> ReadState:
    """The status an XLIFF 1.2 target's state, state-qualifier and the unit's approved say.

    A target without a state is a draft unless approved="yes" (then translated): nobody
    said it was confirmed. An unknown state (an x- value) is read as a draft.
    """
    origin = QUALIFIER_ORIGIN.get(qualifier or "")
    if state is None or not state.strip():
        status = Status.TRANSLATED if approved == "yes" else Status.DRAFT
        return _without_target(has_target, ReadState(status, origin))
    state = state.strip()
    if qualifier in REJECTED_QUALIFIERS and READ_12.get(state) == Status.DRAFT:
        return _without_target(has_target, ReadState(Status.REJECTED))
    status = READ_12.get(state, Status.DRAFT)
    if status == Status.APPROVED and approved == "no":
        status = Status.REVIEWED  # final, but the file says explicitly not approved
    return _without_target(has_target, ReadState(status, origin))


_BY_LABEL = {status.label: status for status in Status}


def read_2(state: str | None, substate: str | None, *, has_target: bool) -> ReadState:
    """The status an XLIFF 2 segment's state and subState say."""
    state = (state or "initial").strip()
    by_state = READ_2.get(state, Status.DRAFT)
    if substate and substate.startswith(SUBSTATE_PREFIX):
        named = _BY_LABEL.get(substate[len(SUBSTATE_PREFIX) :].strip().lower())
        if named is not None and row_for(named).state2 == state:
            return _without_target(has_target, ReadState(named))
    return _without_target(has_target, ReadState(by_state))


def read_trados(conf: str | None, origin: str | None, *, has_target: bool) -> ReadState | None:
    """The status Trados's sdl:seg says (None: no conf, so the XLIFF state decides)."""
    status = TRADOS_CONF.get((conf or "").strip())
    if status is None:
        return None
    return _without_target(has_target, ReadState(status, TRADOS_ORIGIN.get(origin or "")))


def read_memoq(status: str | None, *, has_target: bool) -> ReadState | None:
    """The status memoQ's mq:status says (None: no such attribute or value)."""
    read = MEMOQ_STATUS.get((status or "").strip())
    return None if read is None else _without_target(has_target, read)


# ---------------------------------------------------------------------------------------
# The documented table


def _cell(value: str | None) -> str:
    return f"`{value}`" if value else "—"


def markdown_table() -> str:
    """The status table of docs/formats.md, from the tables above."""
    lines = [
        "| songngu status | origin | XLIFF 1.2 `state` | `state-qualifier` | `approved` "
        "| XLIFF 2 `state` | `subState` |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in WRITE_TABLE:
        origin = row.origin.label if row.origin is not None else "any"
        lines.append(
            f"| {row.status.label} | {origin} | {_cell(row.state12)} | {_cell(row.qualifier12)} "
            f"| {_cell('yes' if row.approved12 else None)} | {_cell(row.state2)} "
            f"| {_cell(row.substate2)} |"
        )
    lines += ["", "Read back (a unit without a target is always new):", ""]
    lines += ["| XLIFF 1.2 `state` | status |", "|---|---|"]
    lines += [f"| `{state}` | {status.label} |" for state, status in READ_12.items()]
    lines += [
        '| none (`approved="yes"`) | translated |',
        "| none | draft |",
        "| `needs-*` with a `rejected-*` qualifier | rejected |",
        "",
        "| XLIFF 2 `state` | status |",
        "|---|---|",
    ]
    lines += [f"| `{state}` | {status.label} |" for state, status in READ_2.items()]
    lines += [
        '| any, with `subState="songngu:<status>"` that agrees with it | that status |',
        "",
        "| 1.2 `state-qualifier` | origin |",
        "|---|---|",
    ]
    lines += [f"| `{name}` | {origin.label} |" for name, origin in QUALIFIER_ORIGIN.items()]
    lines += ["", "| Trados `sdl:conf` | status |", "|---|---|"]
    lines += [f"| `{name}` | {status.label} |" for name, status in TRADOS_CONF.items()]
    lines += ["", "| memoQ `mq:status` | status | origin |", "|---|---|---|"]
    lines += [
        f"| `{name}` | {read.status.label} | {read.origin.label if read.origin else '—'} |"
        for name, read in MEMOQ_STATUS.items()
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m exporters.xliff_states: the table for docs/formats.md
    print(markdown_table(), end="")
