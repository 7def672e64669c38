"""A project's own segmentation rules: what they change from the defaults, and changing them.

The rules are stored in ``project.settings["segmentation"]``; imports of the project read
them (``workflow.importing.project_rules``), so a change applies to the next import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from primitives.errors import InvalidInput
from workflow.importing import project_rules
from workflow.models import Project
from workflow.permissions import Action
from workflow.users import Actor
from workflow.vietnamese.segmentation_rules import (
    LIST_FIELDS,
    SegmentationRules,
    normalized_abbreviation,
)


@dataclass(frozen=True)
class RulesChange:
    """Entries to add to and remove from a project's segmentation rules."""

    add_abbreviations: tuple[str, ...] = ()
    remove_abbreviations: tuple[str, ...] = ()
    add_no_break: tuple[str, ...] = ()
    remove_no_break: tuple[str, ...] = ()
    add_break: tuple[str, ...] = ()
    remove_break: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in self.__dataclass_fields__)


@dataclass(frozen=True)
class RulesDifference:
    """What a project's rules add to and remove from the shipped defaults, per field."""

    added: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_defaults(cls, rules: SegmentationRules) -> RulesDifference:
        mine, base = rules.to_dict(), SegmentationRules.default().to_dict()
        added = {f: [v for v in mine[f] if v not in base[f]] for f in LIST_FIELDS}
        removed = {f: [v for v in base[f] if v not in mine[f]] for f in LIST_FIELDS}
        return cls({f: v for f, v in added.items() if v}, {f: v for f, v in removed.items() if v})

    @property
    def is_empty(self) -> bool:
        return not self.added and not self.removed

    def lines(self) -> list[str]:
        """One line per field that differs, e.g. 'abbreviations: +KTS +ThS -Mr'."""
        lines = []
        for name in LIST_FIELDS:
            changes = [f"+{v}" for v in self.added.get(name, [])]
            changes += [f"-{v}" for v in self.removed.get(name, [])]
            if changes:
                lines.append(f"{name.replace('_', ' ')}: {' '.join(changes)}")
        return lines


def save_project_rules(
    session: Session, actor: Actor, project: Project, rules: SegmentationRules
) -> SegmentationRules:
    """Store rules as the project's own; later imports of the project use them."""
    actor.require(Action.MANAGE_PROJECT)
    # A new dict, so SQLAlchemy sees the JSON column change.
    project.settings = {**(project.settings or {}), "segmentation": rules.to_dict()}
    session.flush()
    return rules


def reset_project_rules(session: Session, actor: Actor, project: Project) -> SegmentationRules:
    """Drop the project's own rules: imports go back to the shipped defaults."""
    actor.require(Action.MANAGE_PROJECT)
    project.settings = {k: v for k, v in (project.settings or {}).items() if k != "segmentation"}
    session.flush()
    return SegmentationRules.default()


def _not_in_rules(what: str, value: str, project: Project) -> InvalidInput:
    """A rule to remove that the project's rules do not have."""
    if what == "abbreviation":
        return InvalidInput(
            "rules.abbreviation_not_in_project",
            "abbreviation {value!r} is not in project {project!r}'s rules",
            value=value,
            project=project.name,
        )
    if what == "no-break pattern":
        return InvalidInput(
            "rules.no_break_pattern_not_in_project",
            "no-break pattern {value!r} is not in project {project!r}'s rules",
            value=value,
            project=project.name,
        )
    return InvalidInput(
        "rules.break_pattern_not_in_project",
        "break pattern {value!r} is not in project {project!r}'s rules",
        value=value,
        project=project.name,
    )


def _without(
    current: Iterable[str], removed: tuple[str, ...], what: str, project: Project
) -> list[str]:
    kept = list(current)
    for value in removed:
        # Stored abbreviations are normalised (NFC, no final dot): compare like with like.
        normalized = normalized_abbreviation(value) if what == "abbreviation" else value
        if normalized not in kept:
            raise _not_in_rules(what, value, project)
        kept.remove(normalized)
    return kept


def change_project_rules(
    session: Session, actor: Actor, project: Project, change: RulesChange
) -> SegmentationRules:
    """Add and remove abbreviations and patterns in the project's rules, and store them."""
    actor.require(Action.MANAGE_PROJECT)
    current = project_rules(project)
    rules = SegmentationRules(
        abbreviations=frozenset(
            _without(current.abbreviations, change.remove_abbreviations, "abbreviation", project)
        ),
        heading_words=current.heading_words,
        no_break_patterns=tuple(
            _without(current.no_break_patterns, change.remove_no_break, "no-break pattern", project)
        ),
        break_patterns=tuple(
            _without(current.break_patterns, change.remove_break, "break pattern", project)
        ),
    ).extended(
        abbreviations=change.add_abbreviations,
        no_break_patterns=change.add_no_break,
        break_patterns=change.add_break,
    )
    return save_project_rules(session, actor, project, rules)
