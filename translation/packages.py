"""Argos translation packages: list, validated install, download from the package index.

argostranslate's own installer unzips straight into the shared packages folder, so a
crafted archive could overwrite an installed model or write outside the folder. Here an
archive is checked first (one package folder, the expected languages, model and
tokenizer present, size/member/ratio caps, no absolute paths, ``..`` or links), extracted
into a hidden folder inside the packages folder while sizes are counted, then renamed
into place in one step, and never over an existing package.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from packaging.version import InvalidVersion, Version

from primitives.errors import Conflict, InvalidInput, NotFound, SongnguError

_STAGING_PREFIX = ".songngu-"
_COPY_CHUNK = 1 << 20


class PackageIndexUnreachable(SongnguError):
    """The Argos package index (or a download link) cannot be reached: we are offline."""


@dataclass(frozen=True)
class InstallLimits:
    """Caps that keep a hostile or broken archive from filling the disk."""

    max_archive_bytes: int = 1 << 30  # the real vi→en package is about 66 MB
    max_total_bytes: int = 2 << 30
    max_members: int = 200
    max_ratio: float = 100.0  # uncompressed/compressed, per member (Apache POI's default)
    small_member_allowance: int = 100 * 1024  # small members may compress better


DEFAULT_LIMITS = InstallLimits()


@dataclass(frozen=True)
class InstalledPackage:
    """One installed Argos translation package."""

    name: str  # folder name inside the packages folder
    path: Path
    from_code: str
    to_code: str
    version: str
    target_prefix: str = ""  # a token the model's output starts with (multilingual models)

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def tokenizer_file(self) -> Path:
        return self.path / "sentencepiece.model"


def packages_dir() -> Path:
    """The packages folder: $ARGOS_PACKAGES_DIR if set, else argostranslate's default.

    The variable is read on every call (argostranslate reads it once at import), so a
    process can switch folders, as the tests do.
    """
    configured = os.environ.get("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured).expanduser()
    from argostranslate import settings  # light: no torch; creates its data folders

    return Path(settings.package_data_dir)


def _version_key(version: str) -> tuple[int, Version | str]:
    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)


def _folder_error(root: Path, error: OSError) -> InvalidInput:
    return InvalidInput(
        "packages.folder_not_writable",
        "cannot write in the packages folder {folder} ({reason}); set ARGOS_PACKAGES_DIR "
        "to a folder that can be written, with free space",
        folder=str(root),
        reason=str(error.strerror or error),
    )


def _writable_folder(directory: Path | None) -> Path:
    """The packages folder, created if missing (a user error if it cannot be)."""
    root = directory or packages_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _folder_error(root, error) from error
    return root


def _staging_folder(root: Path, purpose: str) -> Path:
    """A hidden scratch folder inside root: renames from it into root are atomic."""
    try:
        return Path(tempfile.mkdtemp(prefix=f"{_STAGING_PREFIX}{purpose}-", dir=root))
    except OSError as error:
        raise _folder_error(root, error) from error


def _installed_metadata(folder: Path) -> dict[str, Any] | None:
    """A package folder's metadata.json if it is a JSON object, else None.

    Read here rather than by argostranslate's Package, which fails with AttributeError on
    valid JSON that is not an object (a stray folder would break every listing).
    """
    try:
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):  # ValueError: not UTF-8, or not JSON
        return None
    return metadata if isinstance(metadata, dict) else None


def installed_packages(directory: Path | None = None) -> list[InstalledPackage]:
    """Every package folder holding a readable metadata.json, sorted by name."""
    root = directory or packages_dir()
    if not root.is_dir():
        return []
    found: list[InstalledPackage] = []
    for child in sorted(root.iterdir()):
        if child.name.startswith(".") or not child.is_dir() or child.is_symlink():
            continue
        metadata = _installed_metadata(child)
        if metadata is None:
            continue  # unreadable metadata: not a package we can use
        found.append(
            InstalledPackage(
                name=child.name,
                path=child,
                from_code=str(metadata.get("from_code") or ""),
                to_code=str(metadata.get("to_code") or ""),
                version=str(metadata.get("package_version") or ""),
                target_prefix=str(metadata.get("target_prefix") or ""),
            )
        )
    return found


def find_package(
    from_code: str = "vi", to_code: str = "en", directory: Path | None = None
) -> InstalledPackage:
    """The newest installed package for a language pair, or NotFound saying how to get one."""
    root = directory or packages_dir()
    candidates = [
        package
        for package in installed_packages(root)
        if package.from_code == from_code
        and package.to_code == to_code
        and (package.model_dir / "model.bin").is_file()
        and package.tokenizer_file.is_file()
    ]
    if not candidates:
        raise NotFound(
            "packages.none_installed",
            "no {from_code}→{to_code} translation package is installed in {folder}",
            from_code=from_code,
            to_code=to_code,
            folder=str(root),
        )
    return max(candidates, key=lambda package: _version_key(package.version))


def _member_problem(info: zipfile.ZipInfo, file_label: str) -> InvalidInput | None:
    name = info.filename
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return InvalidInput(
            "packages.member_absolute_path",
            "{file} is refused: member {member!r} has an absolute or Windows path",
            file=file_label,
            member=name,
        )
    if ".." in PurePosixPath(name).parts:
        return InvalidInput(
            "packages.member_outside_folder",
            "{file} is refused: member {member!r} points outside the package folder",
            file=file_label,
            member=name,
        )
    file_type = stat.S_IFMT(info.external_attr >> 16)  # 0 when the zip tool wrote none
    if file_type == stat.S_IFLNK:
        return InvalidInput(
            "packages.member_symlink",
            "{file} is refused: member {member!r} is a symbolic link",
            file=file_label,
            member=name,
        )
    if file_type not in (0, stat.S_IFREG, stat.S_IFDIR):
        return InvalidInput(
            "packages.member_not_regular",
            "{file} is refused: member {member!r} is not a regular file",
            file=file_label,
            member=name,
        )
    return None


def _checked_members(
    archive: zipfile.ZipFile, file_label: str, limits: InstallLimits
) -> tuple[str, list[zipfile.ZipInfo]]:
    """Check the member list; return the package folder name and the members."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise InvalidInput(
            "packages.too_many_members",
            "{file} has {count} members (at most {maximum} allowed); it is not an Argos package",
            file=file_label,
            count=len(members),
            maximum=limits.max_members,
        )
    top_folders: set[str] = set()
    total = 0
    for info in members:
        problem = _member_problem(info, file_label)
        if problem:
            raise problem
        parts = PurePosixPath(info.filename).parts
        if len(parts) == 1 and not info.is_dir():
            raise InvalidInput(
                "packages.file_outside_folder",
                "{file} has a file {member!r} outside a package folder; "
                "an .argosmodel holds exactly one package folder",
                file=file_label,
                member=info.filename,
            )
        top_folders.add(parts[0])
        total += info.file_size
        small = info.file_size <= limits.small_member_allowance
        ratio = info.file_size / max(info.compress_size, 1)
        if not small and ratio > limits.max_ratio:
            raise InvalidInput(
                "packages.member_ratio",
                "{file} is refused: member {member!r} expands {ratio:.0f} times "
                "(at most {maximum:.0f}); it looks like a zip bomb",
                file=file_label,
                member=info.filename,
                ratio=ratio,
                maximum=limits.max_ratio,
            )
    if total > limits.max_total_bytes:
        raise InvalidInput(
            "packages.too_large_expanded",
            "{file} would expand to {size} bytes (at most {maximum}); it is refused",
            file=file_label,
            size=total,
            maximum=limits.max_total_bytes,
        )
    if len(top_folders) != 1:
        raise InvalidInput(
            "packages.not_one_folder",
            "{file} holds {count} top-level folders; "
            "an .argosmodel holds exactly one package folder",
            file=file_label,
            count=len(top_folders),
        )
    folder = top_folders.pop()
    if folder.startswith("."):
        raise InvalidInput(
            "packages.hidden_folder",
            "{file} has a hidden package folder {folder!r}; it is refused",
            file=file_label,
            folder=folder,
        )
    return folder, members


def _read_metadata(
    archive: zipfile.ZipFile, folder: str, file_label: str, languages: tuple[str, str]
) -> dict[str, Any]:
    names = {info.filename.rstrip("/") for info in archive.infolist()}
    for required in ("metadata.json", "model/model.bin", "sentencepiece.model"):
        if f"{folder}/{required}" not in names:
            raise InvalidInput(
                "packages.missing_member",
                "{file} has no {required} in its package folder; "
                "it is not a usable Argos translation package",
                file=file_label,
                required=required,
            )
    info = archive.getinfo(f"{folder}/metadata.json")
    if info.file_size > 1 << 20:
        raise InvalidInput(
            "packages.metadata_too_large",
            "{file} has a metadata.json larger than 1 MiB; it is refused",
            file=file_label,
        )
    try:
        metadata = json.loads(archive.read(info).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, zipfile.BadZipFile) as error:
        raise InvalidInput(
            "packages.metadata_unreadable",
            "{file} has an unreadable metadata.json ({reason})",
            file=file_label,
            reason=str(error),
        ) from error
    if not isinstance(metadata, dict):
        raise InvalidInput(
            "packages.metadata_not_object",
            "{file} has a metadata.json that is not a JSON object",
            file=file_label,
        )
    found = (metadata.get("from_code"), metadata.get("to_code"))
    if found != languages:
        raise InvalidInput(
            "packages.wrong_languages",
            "{file} translates {found_from}→{found_to}, not {from_code}→{to_code}; "
            "choose the package for the right languages",
            file=file_label,
            found_from=str(found[0]),
            found_to=str(found[1]),
            from_code=languages[0],
            to_code=languages[1],
        )
    return metadata


def _extract(
    archive: zipfile.ZipFile,
    members: list[zipfile.ZipInfo],
    destination: Path,
    file_label: str,
    limits: InstallLimits,
) -> None:
    """Extract members under destination, counting bytes (header sizes can lie)."""
    written = 0
    for info in members:
        target = destination.joinpath(*PurePosixPath(info.filename).parts)
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        member_written = 0
        with archive.open(info) as source, open(target, "wb") as sink:
            while chunk := source.read(_COPY_CHUNK):
                member_written += len(chunk)
                written += len(chunk)
                if member_written > info.file_size or written > limits.max_total_bytes:
                    raise InvalidInput(
                        "packages.member_beyond_declared_size",
                        "{file} is refused: {member!r} expands beyond its declared size",
                        file=file_label,
                        member=info.filename,
                    )
                sink.write(chunk)


def _check_tokenizer(package_dir: Path, file_label: str) -> None:
    import sentencepiece

    try:
        sentencepiece.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
    except (OSError, RuntimeError) as error:
        raise InvalidInput(
            "packages.tokenizer_unloadable",
            "{file} has a sentencepiece.model that cannot be loaded; "
            "the package is damaged, download it again",
            file=file_label,
        ) from error


def install_package(
    archive_file: Path,
    *,
    directory: Path | None = None,
    languages: tuple[str, str] = ("vi", "en"),
    limits: InstallLimits = DEFAULT_LIMITS,
) -> InstalledPackage:
    """Validate an .argosmodel file and install it; never replaces an installed package."""
    archive_file = Path(archive_file)
    file_label = archive_file.name
    if not archive_file.is_file():
        raise NotFound(
            "packages.file_not_found",
            "package file {path} does not exist",
            path=str(archive_file),
        )
    size = archive_file.stat().st_size
    if size > limits.max_archive_bytes:
        raise InvalidInput(
            "packages.archive_too_large",
            "{file} is {size} bytes (at most {maximum}); it is refused",
            file=file_label,
            size=size,
            maximum=limits.max_archive_bytes,
        )
    if not zipfile.is_zipfile(archive_file):
        raise InvalidInput(
            "packages.not_a_zip",
            "{file} is not an Argos package (not a zip archive); "
            "use a .argosmodel file from the Argos package index",
            file=file_label,
        )
    root = _writable_folder(directory)
    try:
        with zipfile.ZipFile(archive_file) as archive:
            folder, members = _checked_members(archive, file_label, limits)
            _read_metadata(archive, folder, file_label, languages)
            final_dir = root / folder
            if final_dir.exists():
                raise Conflict(
                    "packages.already_installed",
                    "a package named {name} is already installed in {folder}",
                    name=folder,
                    folder=str(root),
                )
            staging = _staging_folder(root, "install")
            try:
                try:
                    _extract(archive, members, staging, file_label, limits)
                except OSError as error:  # a full disk: the archive itself was readable
                    raise _folder_error(root, error) from error
                _check_tokenizer(staging / folder, file_label)
                try:
                    # rename is atomic and, unlike os.replace, refuses a non-empty target.
                    os.rename(staging / folder, final_dir)
                except OSError as error:
                    raise Conflict(
                        "packages.appeared_during_install",
                        "a package named {name} appeared in {folder} during the install; "
                        "nothing was changed",
                        name=folder,
                        folder=str(root),
                    ) from error
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except zipfile.BadZipFile as error:
        raise InvalidInput(
            "packages.damaged_zip",
            "{file} is a damaged zip archive ({reason})",
            file=file_label,
            reason=str(error),
        ) from error
    return next(package for package in installed_packages(root) if package.name == folder)


def installed_package(name: str, directory: Path | None = None) -> InstalledPackage:
    """The installed package in folder `name`, or NotFound."""
    root = directory or packages_dir()
    package = next((p for p in installed_packages(root) if p.name == name), None)
    if package is None:
        raise NotFound(
            "packages.not_installed",
            "no package named {name!r} is installed in {folder}",
            name=name,
            folder=str(root),
        )
    return package


def remove_package(name: str, *, directory: Path | None = None) -> InstalledPackage:
    """Uninstall the package in folder `name` (only an installed package folder)."""
    root = directory or packages_dir()
    package = installed_package(name, root)
    # Rename first so the package disappears in one step, then delete at leisure.
    doomed = _staging_folder(root, "remove")
    try:
        os.rename(package.path, doomed / name)
    except OSError as error:
        shutil.rmtree(doomed, ignore_errors=True)
        raise _folder_error(root, error) from error
    shutil.rmtree(doomed, ignore_errors=True)
    return package


Opener = Callable[[str, float], IO[bytes]]
# What a refused connection, a timeout or a malformed URL raises (URLError is an OSError).
_NETWORK_ERRORS = (urllib.error.URLError, OSError, TimeoutError, ValueError)
DownloadProgress = Callable[[int, int | None], None]


def _default_opener(url: str, timeout: float) -> IO[bytes]:
    request = urllib.request.Request(url, headers={"User-Agent": "songngu"})
    # The index URL is the user's own (file:// serves a local mirror); links read from an
    # index are limited to http(s) by download_package.
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310


def default_index_url() -> str:
    """The Argos package index URL ($ARGOS_PACKAGE_INDEX respected, as argostranslate does)."""
    from argostranslate import settings

    return str(settings.remote_package_index)


def _network_reason(error: BaseException) -> str:
    return str(getattr(error, "reason", error))


def _fetch_index(url: str, opener: Opener, timeout: float) -> list[dict[str, Any]]:
    try:
        with opener(url, timeout) as response:
            raw = response.read(16 << 20)
    except _NETWORK_ERRORS as error:
        raise PackageIndexUnreachable(
            "packages.index_unreachable",
            "cannot reach the Argos package index {url} ({reason}); "
            "download the .argosmodel file on a connected machine",
            url=url,
            reason=_network_reason(error),
        ) from error
    try:
        index = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidInput(
            "packages.index_not_json",
            "the package index at {url} is not valid JSON ({reason})",
            url=url,
            reason=str(error),
        ) from error
    if not isinstance(index, list):
        raise InvalidInput(
            "packages.index_not_list",
            "the package index at {url} is not a list of packages",
            url=url,
        )
    return [entry for entry in index if isinstance(entry, dict)]


def _stream_to_file(
    url: str,
    destination: Path,
    opener: Opener,
    timeout: float,
    progress: DownloadProgress | None,
    limits: InstallLimits,
) -> None:
    try:
        with opener(url, timeout) as response, open(destination, "wb") as sink:
            header = getattr(response, "headers", None)
            length_text = header.get("Content-Length") if header is not None else None
            expected = int(length_text) if length_text and length_text.isdigit() else None
            if expected is not None and expected > limits.max_archive_bytes:
                raise InvalidInput(
                    "packages.download_too_large",
                    "the package at {url} is {size} bytes (at most {maximum}); it is refused",
                    url=url,
                    size=expected,
                    maximum=limits.max_archive_bytes,
                )
            done = 0
            while chunk := response.read(_COPY_CHUNK):
                done += len(chunk)
                if done > limits.max_archive_bytes:
                    raise InvalidInput(
                        "packages.download_over_limit",
                        "the package at {url} is larger than {maximum} bytes; it is refused",
                        url=url,
                        maximum=limits.max_archive_bytes,
                    )
                try:
                    sink.write(chunk)
                except OSError as error:  # our disk, not the network: no mirror will help
                    raise _folder_error(destination.parent, error) from error
                if progress:
                    progress(done, expected)
    except _NETWORK_ERRORS as error:
        raise PackageIndexUnreachable(
            "packages.download_unreachable",
            "cannot reach the package download {url} ({reason}); "
            "download the .argosmodel file on a connected machine",
            url=url,
            reason=_network_reason(error),
        ) from error
    if expected is not None and done != expected:
        raise InvalidInput(
            "packages.download_incomplete",
            "the download from {url} stopped after {done} of {expected} bytes; try again",
            url=url,
            done=done,
            expected=expected,
        )


def download_package(
    from_code: str = "vi",
    to_code: str = "en",
    *,
    index_url: str | None = None,
    opener: Opener = _default_opener,
    progress: DownloadProgress | None = None,
    directory: Path | None = None,
    timeout: float = 30.0,
    limits: InstallLimits = DEFAULT_LIMITS,
) -> InstalledPackage:
    """Download the newest package for a language pair from the index and install it."""
    if not timeout > 0:  # urllib's "out of range" would read as "cannot reach the index"
        raise InvalidInput(
            "packages.bad_timeout",
            "the timeout must be more than 0 seconds, not {timeout:g}",
            timeout=timeout,
        )
    root = _writable_folder(directory)  # before a download that could not be kept
    url = index_url or default_index_url()
    entries = [
        entry
        for entry in _fetch_index(url, opener, timeout)
        if entry.get("from_code") == from_code
        and entry.get("to_code") == to_code
        and entry.get("type", "translate") == "translate"
    ]
    if not entries:
        raise NotFound(
            "packages.not_in_index",
            "the package index at {url} has no {from_code}→{to_code} package",
            url=url,
            from_code=from_code,
            to_code=to_code,
        )
    newest = max(entries, key=lambda entry: _version_key(str(entry.get("package_version", ""))))
    links = [
        link
        for link in newest.get("links", [])
        if isinstance(link, str) and link.startswith(("http://", "https://"))
    ]
    if not links:
        raise InvalidInput(
            "packages.no_http_link",
            "the package index at {url} lists no http(s) link for that package",
            url=url,
        )
    try:
        handle, temporary_name = tempfile.mkstemp(
            prefix=f"{_STAGING_PREFIX}download-", suffix=".argosmodel", dir=root
        )
    except OSError as error:
        raise _folder_error(root, error) from error
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        last_error: PackageIndexUnreachable | None = None
        for link in links:
            try:
                _stream_to_file(link, temporary, opener, timeout, progress, limits)
                break
            except PackageIndexUnreachable as error:
                last_error = error  # try the next mirror
        else:
            assert last_error is not None
            raise last_error
        if not zipfile.is_zipfile(temporary):
            raise InvalidInput(
                "packages.download_not_a_zip",
                "the file downloaded from {url} is not a zip archive; it was not installed",
                url=link,
            )
        return install_package(
            temporary, directory=root, languages=(from_code, to_code), limits=limits
        )
    finally:
        temporary.unlink(missing_ok=True)
