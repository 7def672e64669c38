"""Installing and removing MT packages for a person: admins only, recorded in the audit log.

``translation.packages`` does the work on the packages folder and knows nothing of people;
every face installs, downloads and removes through here, so the role is checked whatever
the face. The folder is not part of a database transaction: the record is written once
the package is in place (or gone), and a refused or failed change records nothing. No
write transaction is held during a download (SQLite has one writer at a time).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from workflow.audit import AuditAction, record
from workflow.permissions import Action
from workflow.storage import Database
from workflow.users import Actor

if TYPE_CHECKING:
    from translation.packages import InstalledPackage


def _record(
    database: Database, actor: Actor, action: AuditAction, package: InstalledPackage
) -> None:
    with database.write() as session:
        record(
            session,
            actor,
            action,
            object_type="mt_package",
            object_id=package.name,
            detail=f"{package.from_code}→{package.to_code} {package.version or '?'} in "
            f"{package.path.parent}",
        )


def install_model(
    database: Database, actor: Actor, archive: Path, *, directory: Path | None = None
) -> InstalledPackage:
    """Validate and install a local .argosmodel file."""
    from translation.packages import install_package

    actor.require(Action.MANAGE_MODELS)
    package = install_package(archive, directory=directory)
    _record(database, actor, AuditAction.MODEL_INSTALL, package)
    return package


def download_model(
    database: Database,
    actor: Actor,
    from_code: str = "vi",
    to_code: str = "en",
    **options: Any,
) -> InstalledPackage:
    """Download the newest package of a language pair and install it (``options``: those
    of ``translation.packages.download_package``)."""
    from translation.packages import download_package

    actor.require(Action.MANAGE_MODELS)
    package = download_package(from_code, to_code, **options)
    _record(database, actor, AuditAction.MODEL_INSTALL, package)
    return package


def remove_model(
    database: Database, actor: Actor, name: str, *, directory: Path | None = None
) -> InstalledPackage:
    """Uninstall the package in folder ``name``."""
    from translation.packages import remove_package

    actor.require(Action.MANAGE_MODELS)
    package = remove_package(name, directory=directory)
    _record(database, actor, AuditAction.MODEL_REMOVE, package)
    return package
