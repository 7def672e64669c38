"""A package's target-vocabulary shortlist: where it is kept and whether it may be used.

CTranslate2 can restrict each batch's output vocabulary to the candidates that a
vocabulary map lists for the batch's source pieces, plus the pieces it lists for every
batch (``use_vmap``); the output layer, about half of a decoding step's multiply-adds
with a 54,000-piece vocabulary, then scores a few thousand pieces. A piece missing from
the map silently changes a translation, so a shortlist is measured when it is built
(translation/shortlist_build.py): the share of held-out sentences it translates exactly
as the full vocabulary does. Engines use it only while that share meets a threshold and
the map is the one that was measured.

Files: ``model/vmap.txt`` (where CTranslate2 loads a vocabulary map from, one
``source piece<TAB>target pieces`` line per rule) and ``songngu-shortlist.json`` in the
package folder (the measurement and the map's SHA-256).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from translation.engine import (
    SHORTLIST_BELOW_THRESHOLD,
    SHORTLIST_CHANGED,
    SHORTLIST_NONE,
    SHORTLIST_USED,
)
from translation.packages import InstalledPackage

VMAP_FILE = "vmap.txt"
RECORD_FILE = "songngu-shortlist.json"
RECORD_FORMAT = 1
DEFAULT_THRESHOLD = 0.99  # share of held-out sentences that must come out identical


@dataclass(frozen=True)
class Fidelity:
    """How a shortlist's translations of held-out sentences compare with the full vocabulary's."""

    sentences: int
    identical: int  # sentences translated to exactly the same pieces
    tokens: int  # pieces in both translations of every sentence
    agreeing_tokens: int  # pieces in matching runs, counted in both translations

    @property
    def identical_share(self) -> float:
        return self.identical / self.sentences if self.sentences else 0.0

    @property
    def token_agreement(self) -> float:
        return self.agreeing_tokens / self.tokens if self.tokens else 1.0


@dataclass(frozen=True)
class ShortlistRecord:
    """What was built and measured (songngu-shortlist.json)."""

    built_at: str  # ISO 8601, UTC
    corpus: str  # the corpus file's name
    training_sentences: int
    held_out_sentences: int
    size: int  # most frequent pieces allowed in every batch, as asked
    always_pieces: int  # pieces allowed in every batch (frequent, glossary, numbers, …)
    map_entries: int  # target pieces listed for source pieces, all rules together
    mean_candidates: float  # pieces scored per held-out batch, on average (of vocabulary)
    vocabulary: int
    beam_size: int
    fidelity: Fidelity
    seconds_full: float  # held-out translation time, full vocabulary
    seconds_shortlist: float  # the same with the shortlist
    vmap_sha256: str

    def as_json(self) -> str:
        return json.dumps({"format": RECORD_FORMAT, **asdict(self)}, indent=2) + "\n"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ShortlistRecord:
        values = {name: data[name] for name in cls.__dataclass_fields__}
        values["fidelity"] = Fidelity(**values["fidelity"])
        return cls(**values)


@dataclass(frozen=True)
class ShortlistStatus:
    """Whether a package's shortlist is used at a threshold, with its record if any."""

    state: str  # SHORTLIST_NONE, _USED, _BELOW_THRESHOLD or _CHANGED
    record: ShortlistRecord | None
    threshold: float

    @property
    def used(self) -> bool:
        return self.state == SHORTLIST_USED

    def describe(self) -> str:
        """One English line (the CLI's; the app words it from the fields)."""
        if self.record is None:
            return "no shortlist"
        fidelity = self.record.fidelity
        measured = (
            f"{fidelity.identical_share:.1%} of {fidelity.sentences} held-out sentences "
            f"identical, {fidelity.token_agreement:.1%} of tokens"
        )
        if self.state == SHORTLIST_USED:
            return f"shortlist used ({measured}; threshold {self.threshold:.0%})"
        if self.state == SHORTLIST_BELOW_THRESHOLD:
            return f"shortlist not used: {measured}, below the {self.threshold:.0%} threshold"
        return "shortlist not used: its vocabulary map changed since it was measured"


def vmap_path(package: InstalledPackage) -> Path:
    return package.model_dir / VMAP_FILE


def record_path(package: InstalledPackage) -> Path:
    return package.path / RECORD_FILE


def vmap_stamp(package: InstalledPackage) -> tuple[int, int] | None:
    """(modification time, size) of the package's vmap.txt, None without one."""
    try:
        found = vmap_path(package).stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


_hashes: dict[str, tuple[tuple[int, int], str]] = {}
_hashes_lock = threading.Lock()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def vmap_sha256(package: InstalledPackage) -> str | None:
    """The SHA-256 of the package's vmap.txt (cached while the file is unchanged)."""
    stamp = vmap_stamp(package)
    if stamp is None:
        return None
    key = str(vmap_path(package).resolve())
    with _hashes_lock:
        cached = _hashes.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        digest = file_sha256(vmap_path(package))
    except OSError:
        return None
    with _hashes_lock:
        _hashes[key] = (stamp, digest)
    return digest


def read_record(package: InstalledPackage) -> ShortlistRecord | None:
    """The package's shortlist record; None if there is none or it cannot be read."""
    try:
        data = json.loads(record_path(package).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
            return None
        return ShortlistRecord.from_json(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def shortlist_status(package: InstalledPackage, threshold: float) -> ShortlistStatus:
    """Whether engines use the package's shortlist at threshold (and why not)."""
    record = read_record(package)
    if record is None:
        # A vmap.txt nobody measured (or a build that was interrupted) is never used.
        return ShortlistStatus(SHORTLIST_NONE, None, threshold)
    if vmap_sha256(package) != record.vmap_sha256:
        return ShortlistStatus(SHORTLIST_CHANGED, record, threshold)
    if record.fidelity.identical_share >= threshold:
        return ShortlistStatus(SHORTLIST_USED, record, threshold)
    return ShortlistStatus(SHORTLIST_BELOW_THRESHOLD, record, threshold)


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as sink:
            sink.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_vmap(package: InstalledPackage, lines: list[str]) -> None:
    """Replace the package's vmap.txt (its record first: an unmeasured map is never used)."""
    record_path(package).unlink(missing_ok=True)
    _write_atomically(vmap_path(package), "".join(line + "\n" for line in lines))


def write_record(package: InstalledPackage, record: ShortlistRecord) -> None:
    _write_atomically(record_path(package), record.as_json())


def remove_shortlist(package: InstalledPackage) -> bool:
    """Delete the package's shortlist (record and map); False if it had none."""
    had = record_path(package).exists() or vmap_path(package).exists()
    record_path(package).unlink(missing_ok=True)
    vmap_path(package).unlink(missing_ok=True)
    return had
