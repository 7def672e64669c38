"""Partner profiles: per-client settings (English variant, names, dates, glossaries, QA).

The settings a profile may hold are declared here as data with help text; profiles
shipped with songngu live in workflow/data/partners.json and are editable afterwards.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from primitives.errors import InvalidInput, NotFound
from workflow.insert_missing import insert_missing
from workflow.models import PartnerProfile, Project
from workflow.permissions import Action, Role
from workflow.users import Actor


@dataclass(frozen=True)
class PartnerSetting:
    key: str
    default: Any
    choices: tuple[Any, ...] | None
    help: str


PARTNER_SETTINGS: tuple[PartnerSetting, ...] = (
    PartnerSetting("english_variant", "US", ("US", "UK"), "Spelling of the English target."),
    PartnerSetting(
        "name_diacritics",
        "strip",
        ("keep", "strip"),
        "Vietnamese personal names in English: keep diacritics (Nguyễn Văn An) or strip "
        "them (Nguyen Van An), as most international press does.",
    ),
    PartnerSetting(
        "country_name",
        "Vietnam",
        ("Vietnam", "Viet Nam"),
        'How the country is written; official documents use "Viet Nam".',
    ),
    PartnerSetting(
        "date_style",
        "month_day_year",
        ("month_day_year", "day_month_year"),
        "English date order: August 9, 2022 or 9 August 2022.",
    ),
    PartnerSetting(
        "glossaries", ["official-names"], None, "Glossaries applied to this partner's projects."
    ),
    PartnerSetting(
        "own_names",
        {},
        None,
        "The partner's own names in Vietnamese and their English, kept exactly so in MT "
        'and checked in its projects (JSON object: {"Đại học Indiana": "Indiana University"}).',
    ),
    PartnerSetting(
        "qa_severities",
        {},
        None,
        "QA check id -> severity (error, warning, info, off) overriding the defaults "
        "(check ids: docs/qa-checks.md).",
    ),
    PartnerSetting(
        "qa_override_roles",
        ["editor", "admin"],
        None,
        "Roles that may confirm, review or approve a segment over a QA error (giving a "
        "reason, which is recorded) and ignore QA errors; other roles must fix them.",
    ),
    PartnerSetting(
        "qa_export_policy",
        "warn",
        ("warn", "block"),
        "Open QA errors or segments not checked since they changed at export: warn, or "
        "block the export until they are fixed, ignored or checked.",
    ),
)
_BY_KEY = {setting.key: setting for setting in PARTNER_SETTINGS}
DEFAULT_PARTNER = "generic"


def validate_settings(values: dict[str, Any]) -> dict[str, Any]:
    """Complete a settings dict with defaults; refuse unknown keys and bad choices."""
    unknown = sorted(set(values) - set(_BY_KEY))
    if unknown:
        raise InvalidInput(
            "partner.unknown_setting",
            "unknown partner setting {key!r}: known settings are {known}",
            key=unknown[0],
            known=", ".join(_BY_KEY),
        )
    result: dict[str, Any] = {}
    for setting in PARTNER_SETTINGS:
        value = values.get(setting.key, setting.default)
        if setting.choices is not None and value not in setting.choices:
            allowed = ", ".join(map(str, setting.choices))
            raise InvalidInput(
                "partner.bad_choice",
                "partner setting {key}={value} is not one of {allowed}",
                key=setting.key,
                value=repr(value),
                allowed=allowed,
            )
        if setting.key == "qa_override_roles":
            value = _role_names(value)
        result[setting.key] = value
    _validate_qa_severities(result["qa_severities"])
    _check_own_names(result["own_names"])
    return result


def _validate_qa_severities(value: Any) -> None:
    """qa_severities maps known check ids to error, warning, info or off."""
    if not isinstance(value, dict):
        raise InvalidInput(
            "partner.not_a_json_object",
            '{key} takes a JSON object, e.g. \'{{"check-id": "warning"}}\'',
            key="qa_severities",
        )
    # Imported here: the QA registry loads every check, which a command that only reads
    # partner profiles (`songngu translate`) has no use for at start-up.
    from workflow.qa.registry import validate_severities

    validate_severities(value)


def _check_own_names(names: Any) -> None:
    """own_names maps each Vietnamese name to its English, both non-empty text."""
    if not isinstance(names, dict) or not all(
        isinstance(source, str) and isinstance(target, str) and source.strip() and target.strip()
        for source, target in names.items()
    ):
        raise InvalidInput(
            "partner.bad_own_names",
            "own_names maps each Vietnamese name to its English, both non-empty text, "
            'e.g. {{"Đại học Indiana": "Indiana University"}}',
        )


def _role_names(value: Any) -> list[str]:
    """qa_override_roles as a list of known role names, each once, in the order given."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        names = [str(value)]
    roles = [name.strip().lower() for name in names]
    known = [role.value for role in Role]
    unknown = [name for name in roles if name not in known]
    if unknown:
        raise InvalidInput(
            "partner.unknown_role",
            "partner setting qa_override_roles names the unknown role {role!r}: roles are {roles}",
            role=unknown[0],
            roles=", ".join(known),
        )
    return list(dict.fromkeys(roles))


def partner_settings(project: Project) -> dict[str, Any]:
    """The settings of the project's partner, each one it does not hold at its default
    (a profile stored before a setting existed lacks it)."""
    stored = project.partner.settings if project.partner is not None else {}
    return {
        setting.key: stored[setting.key]
        if setting.key in stored
        else copy.deepcopy(setting.default)
        for setting in PARTNER_SETTINGS
    }


def parse_setting_value(key: str, raw: str) -> Any:
    """A setting's value from its command-line text."""
    setting = _BY_KEY.get(key)
    if setting is None:
        raise InvalidInput(
            "partner.unknown_setting",
            "unknown partner setting {key!r}: known settings are {known}",
            key=key,
            known=", ".join(_BY_KEY),
        )
    if isinstance(setting.default, list):
        return [part.strip() for part in raw.split(",") if part.strip()]
    if isinstance(setting.default, dict):
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = None
        if not isinstance(value, dict):
            raise InvalidInput(
                "partner.not_a_json_object",
                '{key} takes a JSON object, e.g. \'{{"check-id": "warning"}}\'',
                key=key,
            )
        return value
    return raw


def shipped_profiles() -> list[dict[str, Any]]:
    text = resources.files("workflow.data").joinpath("partners.json").read_text("utf-8")
    return json.loads(text)


def shipped_profiles_missing(session: Session) -> bool:
    """Whether a shipped profile is not in the database yet (a read only)."""
    existing = set(session.scalars(select(PartnerProfile.name)))
    return any(profile["name"] not in existing for profile in shipped_profiles())


def ensure_shipped_profiles(session: Session) -> None:
    """Insert the shipped profiles that are missing (never overwrite edited ones)."""
    existing = set(session.scalars(select(PartnerProfile.name)))
    missing = [
        {"name": profile["name"], "settings": validate_settings(profile["settings"])}
        for profile in shipped_profiles()
        if profile["name"] not in existing
    ]
    # Insert-or-skip: two processes opening a new PostgreSQL database at once both seed it.
    insert_missing(session, PartnerProfile, missing, identity=["name"])


def get_partner(session: Session, name: str) -> PartnerProfile:
    partner = session.scalar(select(PartnerProfile).where(PartnerProfile.name == name))
    if partner is None:
        names = ", ".join(
            session.scalars(select(PartnerProfile.name).order_by(PartnerProfile.name))
        )
        raise NotFound(
            "partner.not_found",
            "no partner profile {name!r}: choose one of {names}",
            name=name,
            names=names,
        )
    return partner


def list_partners(session: Session) -> list[PartnerProfile]:
    return list(session.scalars(select(PartnerProfile).order_by(PartnerProfile.name)))


def update_partner(
    session: Session, actor: Actor, name: str, changes: dict[str, Any]
) -> PartnerProfile:
    """Change partner profile settings (editors and admins: they apply to every project
    of the partner)."""
    actor.require(Action.MANAGE_PROJECT)
    partner = get_partner(session, name)
    partner.settings = validate_settings({**partner.settings, **changes})
    session.flush()
    return partner
