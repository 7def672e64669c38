"""Installing, listing and downloading Argos packages, and every archive that is refused."""

from __future__ import annotations

import errno
import http.server
import io
import json
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cli.errors import one_line
from primitives.errors import Conflict, InvalidInput, NotFound
from translation import packages
from translation.packages import (
    InstallLimits,
    PackageIndexUnreachable,
    download_package,
    find_package,
    install_package,
    installed_packages,
    remove_package,
)

FOLDER = "translate-vi_en-1_9"


def _members(package_file: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package_file) as archive:
        return {
            info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()
        }


def _rewrite(
    package_file: Path,
    target: Path,
    change: Callable[[dict[str, bytes]], None] = lambda members: None,
    extra: Callable[[zipfile.ZipFile], None] = lambda archive: None,
) -> Path:
    members = _members(package_file)
    change(members)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        extra(archive)
    return target


def _no_leftovers(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_install_then_list_and_find(tiny_package_file: Path, packages_dir: Path) -> None:
    package = install_package(tiny_package_file)
    assert (package.name, package.from_code, package.to_code, package.version) == (
        FOLDER,
        "vi",
        "en",
        "1.9",
    )
    assert package.path == packages_dir / FOLDER
    assert (package.model_dir / "model.bin").is_file()
    assert installed_packages() == [package]
    assert find_package("vi", "en") == package
    assert _no_leftovers(packages_dir)


def test_missing_package_message_says_how_to_install(packages_dir: Path) -> None:
    with pytest.raises(NotFound) as error:
        find_package("vi", "en")
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith("no vi→en translation package is installed in ")
    assert "songngu" not in message  # what to type is the CLI's hint
    line = one_line(error.value)
    assert "songngu models install FILE.argosmodel" in line
    assert "songngu models download vi en" in line


def test_folders_with_unusable_metadata_are_not_packages(
    tiny_package_file: Path, packages_dir: Path
) -> None:
    package = install_package(tiny_package_file)
    for name, metadata in [("a-list", b"[1]"), ("b-binary", b"\xff\xfe"), ("c-json", b"{")]:
        (packages_dir / name).mkdir()
        (packages_dir / name / "metadata.json").write_bytes(metadata)
    assert installed_packages() == [package]
    assert find_package("vi", "en") == package


def test_newest_version_wins(tiny_package_file: Path, packages_dir: Path, tmp_path: Path) -> None:
    # 10.0 sorts before 1.9 both as a folder name and as a string: only a version
    # comparison picks it.
    def newer(members: dict[str, bytes]) -> None:
        for name in list(members):
            renamed = name.replace(FOLDER, "translate-vi_en-10_0")
            members[renamed] = members.pop(name)
        metadata = json.loads(members["translate-vi_en-10_0/metadata.json"])
        metadata["package_version"] = "10.0"
        members["translate-vi_en-10_0/metadata.json"] = json.dumps(metadata).encode()

    install_package(tiny_package_file)
    install_package(_rewrite(tiny_package_file, tmp_path / "new.argosmodel", newer))
    assert find_package().version == "10.0"
    assert [p.version for p in installed_packages()] == ["10.0", "1.9"]


def test_an_installed_package_is_never_overwritten(
    tiny_package_file: Path, packages_dir: Path, tmp_path: Path
) -> None:
    install_package(tiny_package_file)
    marker = packages_dir / FOLDER / "model" / "model.bin"
    before = marker.read_bytes()

    def tampered(members: dict[str, bytes]) -> None:
        members[f"{FOLDER}/model/model.bin"] = b"evil"

    with pytest.raises(Conflict, match="already installed"):
        install_package(_rewrite(tiny_package_file, tmp_path / "evil.argosmodel", tampered))
    assert marker.read_bytes() == before
    assert _no_leftovers(packages_dir)


def test_remove_then_reinstall(tiny_package_file: Path, packages_dir: Path) -> None:
    install_package(tiny_package_file)
    removed = remove_package(FOLDER)
    assert removed.name == FOLDER
    assert list(packages_dir.iterdir()) == []
    with pytest.raises(NotFound, match="no package named 'translate-vi_en-1_9'"):
        remove_package(FOLDER)
    with pytest.raises(NotFound, match="no package named"):
        remove_package("..")
    assert install_package(tiny_package_file).name == FOLDER


def test_not_a_zip(packages_dir: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "model.argosmodel"
    bogus.write_text("hello")
    with pytest.raises(InvalidInput, match="not a zip archive"):
        install_package(bogus)


def test_missing_file(packages_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="does not exist"):
        install_package(tmp_path / "absent.argosmodel")


@pytest.mark.parametrize("missing", ["metadata.json", "model/model.bin", "sentencepiece.model"])
def test_required_files(
    missing: str, tiny_package_file: Path, packages_dir: Path, tmp_path: Path
) -> None:
    archive = _rewrite(
        tiny_package_file,
        tmp_path / "partial.argosmodel",
        lambda members: members.pop(f"{FOLDER}/{missing}"),
    )
    with pytest.raises(InvalidInput, match=f"no {missing}"):
        install_package(archive)
    assert list(packages_dir.iterdir()) == []


def test_wrong_languages(tiny_package_file: Path, packages_dir: Path, tmp_path: Path) -> None:
    def english_to_french(members: dict[str, bytes]) -> None:
        members[f"{FOLDER}/metadata.json"] = json.dumps(
            {"from_code": "en", "to_code": "fr", "package_version": "1.0"}
        ).encode()

    archive = _rewrite(tiny_package_file, tmp_path / "enfr.argosmodel", english_to_french)
    with pytest.raises(InvalidInput, match="translates en→fr, not vi→en"):
        install_package(archive)


def test_bad_metadata(tiny_package_file: Path, packages_dir: Path, tmp_path: Path) -> None:
    def broken(members: dict[str, bytes]) -> None:
        members[f"{FOLDER}/metadata.json"] = b"{not json"

    with pytest.raises(InvalidInput, match="unreadable metadata.json"):
        install_package(_rewrite(tiny_package_file, tmp_path / "b.argosmodel", broken))


def test_damaged_tokenizer_is_refused_and_cleaned_up(
    tiny_package_file: Path, packages_dir: Path, tmp_path: Path
) -> None:
    def damaged(members: dict[str, bytes]) -> None:
        members[f"{FOLDER}/sentencepiece.model"] = b"garbage"

    with pytest.raises(InvalidInput, match="sentencepiece.model that cannot be loaded"):
        install_package(_rewrite(tiny_package_file, tmp_path / "d.argosmodel", damaged))
    assert list(packages_dir.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (f"{FOLDER}/../../escaped.txt", "outside the package folder"),
        ("/etc/cron.d/evil", "absolute"),
        (f"{FOLDER}\\..\\evil", "Windows path"),
    ],
)
def test_paths_outside_the_folder(
    name: str, reason: str, tiny_package_file: Path, packages_dir: Path, tmp_path: Path
) -> None:
    archive = _rewrite(
        tiny_package_file,
        tmp_path / "traversal.argosmodel",
        extra=lambda zf: zf.writestr(zipfile.ZipInfo(name), b"owned"),
    )
    with pytest.raises(InvalidInput, match=reason):
        install_package(archive)
    assert list(packages_dir.iterdir()) == []
    assert not (tmp_path / "escaped.txt").exists()


def test_symbolic_links(tiny_package_file: Path, packages_dir: Path, tmp_path: Path) -> None:
    def add_link(archive: zipfile.ZipFile) -> None:
        link = zipfile.ZipInfo(f"{FOLDER}/model/link")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")

    with pytest.raises(InvalidInput, match="symbolic link"):
        install_package(_rewrite(tiny_package_file, tmp_path / "l.argosmodel", extra=add_link))


def test_two_package_folders(tiny_package_file: Path, packages_dir: Path, tmp_path: Path) -> None:
    archive = _rewrite(
        tiny_package_file,
        tmp_path / "two.argosmodel",
        extra=lambda zf: zf.writestr("other-package/metadata.json", b"{}"),
    )
    with pytest.raises(InvalidInput, match="2 top-level folders"):
        install_package(archive)


def test_loose_top_level_file(tiny_package_file: Path, packages_dir: Path, tmp_path: Path) -> None:
    archive = _rewrite(
        tiny_package_file,
        tmp_path / "loose.argosmodel",
        extra=lambda zf: zf.writestr("README.md", b"hi"),
    )
    with pytest.raises(InvalidInput, match="outside a package folder"):
        install_package(archive)


def test_zip_bomb(tiny_package_file: Path, packages_dir: Path, tmp_path: Path) -> None:
    archive = _rewrite(
        tiny_package_file,
        tmp_path / "bomb.argosmodel",
        extra=lambda zf: zf.writestr(f"{FOLDER}/zeros.bin", bytes(8 << 20)),
    )
    assert archive.stat().st_size < 1 << 20
    with pytest.raises(InvalidInput, match="zip bomb"):
        install_package(archive)
    assert list(packages_dir.iterdir()) == []


def test_size_and_member_caps(tiny_package_file: Path, packages_dir: Path) -> None:
    with pytest.raises(InvalidInput, match="members"):
        install_package(tiny_package_file, limits=InstallLimits(max_members=3))
    with pytest.raises(InvalidInput, match="would expand to"):
        install_package(tiny_package_file, limits=InstallLimits(max_total_bytes=1000))
    with pytest.raises(InvalidInput, match="bytes \\(at most 1000\\)"):
        install_package(tiny_package_file, limits=InstallLimits(max_archive_bytes=1000))


# --- download -------------------------------------------------------------------------


class _Server:
    """A local HTTP server (127.0.0.1 only) serving fixed paths."""

    def __init__(self, routes: dict[str, bytes]) -> None:
        routes_ = routes

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                body = routes_.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[[dict[str, bytes]], _Server]]:
    servers: list[_Server] = []

    def start(routes: dict[str, bytes]) -> _Server:
        servers.append(_Server(routes))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def _index(server_url: str, path: str = "/vi_en.argosmodel") -> bytes:
    entries = [
        {"from_code": "en", "to_code": "vi", "package_version": "1.9", "links": []},
        {
            "from_code": "vi",
            "to_code": "en",
            "package_version": "1.9",
            "type": "translate",
            "links": [f"{server_url}{path}"],
        },
    ]
    return json.dumps(entries).encode()


def _closed_port_url() -> str:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/index.json"


def test_download_offline_gives_one_line_with_instructions(packages_dir: Path) -> None:
    with pytest.raises(PackageIndexUnreachable) as error:
        download_package("vi", "en", index_url=_closed_port_url(), timeout=2)
    message = str(error.value)
    assert "\n" not in message
    assert "cannot reach the Argos package index" in message
    assert "download the .argosmodel file on a connected machine" in message
    assert "songngu models install FILE.argosmodel" in one_line(error.value)


@pytest.mark.parametrize("timeout", [0.0, -1.0, float("nan")])
def test_download_timeout_must_be_positive(packages_dir: Path, timeout: float) -> None:
    with pytest.raises(InvalidInput, match="the timeout must be more than 0 seconds"):
        download_package("vi", "en", index_url=_closed_port_url(), timeout=timeout)


def test_download_from_a_local_index(
    serve: Callable[[dict[str, bytes]], _Server], tiny_package_file: Path, packages_dir: Path
) -> None:
    routes: dict[str, bytes] = {"/vi_en.argosmodel": tiny_package_file.read_bytes()}
    server = serve(routes)
    routes["/index.json"] = _index(server.url)
    seen: list[tuple[int, int | None]] = []
    package = download_package(
        "vi", "en", index_url=f"{server.url}/index.json", progress=lambda d, t: seen.append((d, t))
    )
    assert package.path == packages_dir / FOLDER
    size = tiny_package_file.stat().st_size
    assert seen[-1] == (size, size)
    assert _no_leftovers(packages_dir)


def test_download_of_something_that_is_not_a_package(
    serve: Callable[[dict[str, bytes]], _Server], packages_dir: Path
) -> None:
    routes: dict[str, bytes] = {"/vi_en.argosmodel": b"<html>login page</html>"}
    server = serve(routes)
    routes["/index.json"] = _index(server.url)
    with pytest.raises(InvalidInput, match="not a zip archive"):
        download_package("vi", "en", index_url=f"{server.url}/index.json")
    assert list(packages_dir.iterdir()) == []


def test_download_link_unreachable_and_pair_missing(
    serve: Callable[[dict[str, bytes]], _Server], packages_dir: Path
) -> None:
    routes: dict[str, bytes] = {}
    server = serve(routes)
    routes["/index.json"] = _index(server.url, path="/gone.argosmodel")
    with pytest.raises(PackageIndexUnreachable, match="cannot reach the package download"):
        download_package("vi", "en", index_url=f"{server.url}/index.json")
    with pytest.raises(NotFound, match="has no vi→fr package"):
        download_package("vi", "fr", index_url=f"{server.url}/index.json")
    assert list(packages_dir.iterdir()) == []


def test_download_refuses_an_oversized_file(
    serve: Callable[[dict[str, bytes]], _Server], tiny_package_file: Path, packages_dir: Path
) -> None:
    routes: dict[str, bytes] = {"/vi_en.argosmodel": tiny_package_file.read_bytes()}
    server = serve(routes)
    routes["/index.json"] = _index(server.url)
    with pytest.raises(InvalidInput, match="it is refused"):
        download_package(
            "vi",
            "en",
            index_url=f"{server.url}/index.json",
            limits=InstallLimits(max_archive_bytes=1000),
        )
    assert list(packages_dir.iterdir()) == []


def test_a_full_disk_during_download_is_one_line_not_offline(
    tiny_package_file: Path, packages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = "http://mirror.example/vi_en.argosmodel"
    index = json.dumps([{"from_code": "vi", "to_code": "en", "links": [link, link + "2"]}])
    fetched: list[str] = []

    def opener(url: str, timeout: float) -> io.BytesIO:
        fetched.append(url)
        return io.BytesIO(index.encode() if url == "index" else tiny_package_file.read_bytes())

    class FullDisk(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(packages, "open", lambda *args, **kwargs: FullDisk(), raising=False)
    with pytest.raises(InvalidInput) as error:
        download_package("vi", "en", index_url="index", opener=opener)
    assert str(error.value).startswith(
        f"cannot write in the packages folder {packages_dir} (No space left on device); "
    )
    assert fetched == ["index", link]  # a full disk is not a reason to try the next mirror
    assert list(packages_dir.iterdir()) == []


def test_a_packages_folder_that_cannot_be_made_is_one_line(
    tiny_package_file: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(InvalidInput, match="cannot write in the packages folder .*a-file/packages"):
        install_package(tiny_package_file, directory=blocker / "packages")
    with pytest.raises(InvalidInput, match="cannot write in the packages folder"):
        download_package("vi", "en", index_url=_closed_port_url(), directory=blocker / "packages")
