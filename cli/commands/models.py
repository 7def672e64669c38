"""`songngu models`: list, install and download offline MT packages; shortlist; try one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click

from cli.common import actor_for, as_option, database
from cli.errors import INSTALL_PACKAGE_HINT
from primitives.errors import InvalidInput
from workflow.users import Actor

_DIR_OPTION = click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Packages folder (default: $ARGOS_PACKAGES_DIR or Argos's own folder).",
)


def _folder(directory: Path | None) -> Path:
    from translation.packages import packages_dir

    return directory or packages_dir()


def _acting(as_user: str | None) -> Actor:
    """Who installs or removes: installing changes what MT every project uses."""
    with database().read() as session:
        return actor_for(session, as_user)


@click.group(name="models")
def models_group() -> None:
    """Offline machine translation packages (Argos .argosmodel files)."""


@models_group.command(name="list")
@_DIR_OPTION
def list_command(directory: Path | None) -> None:
    """List installed translation packages: languages, version, folder and shortlist.

    The last column says whether MT uses the package's vocabulary shortlist (see
    `songngu models shortlist`) at the SONGNGU_MT_SHORTLIST_MIN_IDENTICAL threshold.
    """
    from translation.packages import installed_packages
    from translation.shortlist import shortlist_status
    from workflow.mt_settings import shortlist_threshold

    folder = _folder(directory)
    packages = installed_packages(folder)
    if not packages:
        click.echo(f"no translation packages installed in {folder}; {INSTALL_PACKAGE_HINT}")
        return
    threshold = shortlist_threshold()
    for package in packages:
        shortlist = shortlist_status(package, threshold).describe()
        click.echo(
            f"{package.name}\t{package.from_code}→{package.to_code}\t"
            f"{package.version or '?'}\t{package.path}\t{shortlist}"
        )


@models_group.command(name="install")
@click.argument("archive", type=click.Path(dir_okay=False, path_type=Path))
@_DIR_OPTION
@as_option
def install_command(archive: Path, directory: Path | None, as_user: str | None) -> None:
    """Install a vi→en package from a local .argosmodel file (validated first; admins)."""
    from workflow.model_packages import install_model

    package = install_model(database(), _acting(as_user), archive, directory=_folder(directory))
    click.echo(
        f"installed {package.name} ({package.from_code}→{package.to_code} "
        f"{package.version}) in {package.path.parent}"
    )


@models_group.command(name="remove")
@click.argument("name")
@_DIR_OPTION
@as_option
def remove_command(name: str, directory: Path | None, as_user: str | None) -> None:
    """Uninstall the package NAME (its folder name, as `songngu models list` shows; admins)."""
    from workflow.model_packages import remove_model

    package = remove_model(database(), _acting(as_user), name, directory=_folder(directory))
    click.echo(f"removed {package.name} ({package.from_code}→{package.to_code} {package.version})")


def download_progress_printer() -> Callable[[int, int | None], None]:
    """Prints "downloading: N%" on stderr once per tenth of a download of known size.

    A tenth is printed when first reached: 1 MiB reads of a 66 MB package step over
    most exact multiples of ten per cent.
    """
    shown = {"tenth": -1}

    def show(done: int, total: int | None) -> None:
        tenth = 10 * done // total if total else -1
        if tenth > shown["tenth"]:
            shown["tenth"] = tenth
            click.echo(f"downloading: {10 * tenth}%", err=True)

    return show


@models_group.command(name="download")
@click.argument("from_code", default="vi")
@click.argument("to_code", default="en")
@click.option("--index-url", default=None, help="Package index (default: Argos's index).")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds.")
@_DIR_OPTION
@as_option
def download_command(
    from_code: str,
    to_code: str,
    index_url: str | None,
    timeout: float,
    directory: Path | None,
    as_user: str | None,
) -> None:
    """Download a package from the Argos package index and install it (admins)."""
    from workflow.model_packages import download_model

    package = download_model(
        database(),
        _acting(as_user),
        from_code,
        to_code,
        index_url=index_url,
        progress=download_progress_printer(),
        directory=_folder(directory),
        timeout=timeout,
    )
    click.echo(
        f"installed {package.name} ({package.from_code}→{package.to_code} "
        f"{package.version}) in {package.path.parent}"
    )


def _corpus_lines(corpus_file: click.utils.LazyFile) -> list[str]:
    """Vietnamese sentences, one a line; of a tab-separated line, its first column."""
    from workflow.intake import IntakeLimits
    from workflow.vietnamese.encodings import decode_bytes

    limit = IntakeLimits.from_settings().max_text_bytes
    data = corpus_file.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput(
            "cli.corpus_over_text_limit",
            "{file} has more than {limit:,} bytes, the text import limit; use a part of it",
            file=corpus_file.name,
            limit=limit,
        )
    text, _ = decode_bytes(data)
    return [line.split("\t", 1)[0] for line in text.splitlines() if line.strip()]


@models_group.command(name="shortlist")
@click.argument("package_name", metavar="PACKAGE")
@click.option(
    "--corpus",
    "corpus_file",
    type=click.File("rb"),
    default=None,
    help="Vietnamese sentences like the documents to translate, one a line (of a TSV, "
    "the first column); '-' for standard input. Thousands of lines measure best.",
)
@click.option(
    "--size",
    type=int,
    default=None,
    help="How many of the pieces the model produced most often every batch may use "
    "[default: 4000].",
)
@click.option("--remove", is_flag=True, help="Delete the package's shortlist.")
@_DIR_OPTION
def shortlist_command(
    package_name: str,
    corpus_file: click.utils.LazyFile | None,
    size: int | None,
    remove: bool,
    directory: Path | None,
) -> None:
    """Build a vocabulary shortlist for PACKAGE and measure how faithful it is.

    The model translates four sentences in five of the corpus with its full
    vocabulary; the pieces it produced (the most frequent for every batch, the others
    with the source pieces they came with), the glossaries' English terms, numbers,
    punctuation and each source piece itself (names, codes) make the shortlist. The
    fifth sentences are then translated with and without it: MT uses the shortlist
    only if the share that came out identical reaches SONGNGU_MT_SHORTLIST_MIN_IDENTICAL
    (99% by default). Building it again replaces it; --remove deletes it.
    """
    from translation.argos_engine import DecodingSettings
    from translation.packages import installed_package
    from translation.shortlist import remove_shortlist, shortlist_status
    from translation.shortlist_build import DEFAULT_SIZE, build_shortlist
    from workflow.glossary.store import english_targets
    from workflow.mt import MTJobOptions
    from workflow.mt_settings import MTRuntime

    package = installed_package(package_name, _folder(directory))
    if remove:
        removed = remove_shortlist(package)
        click.echo(f"removed the shortlist of {package.name}" if removed else "no shortlist")
        return
    if corpus_file is None:
        raise InvalidInput(
            "cli.shortlist_needs_corpus",
            "give --corpus FILE with Vietnamese sentences to build the shortlist from "
            "(or --remove to delete it)",
        )
    runtime = MTRuntime.from_settings()
    sentences = _corpus_lines(corpus_file)
    with database().read() as session:
        targets = english_targets(session)
    record = build_shortlist(
        package,
        sentences,
        corpus_name=Path(corpus_file.name).name,
        size=DEFAULT_SIZE if size is None else size,
        extra_targets=targets,
        decoding=DecodingSettings(
            beam_size=MTJobOptions.beam_size,
            inter_threads=runtime.layout.inter,
            intra_threads=runtime.layout.intra,
        ),
        pipeline=runtime.pipeline(),
        progress=lambda message: click.echo(message, err=True),
    )
    fidelity = record.fidelity
    speed = record.seconds_full / record.seconds_shortlist if record.seconds_shortlist else 0
    click.echo(
        f"shortlist of {package.name}: {record.always_pieces:,} pieces in every batch, "
        f"{record.map_entries:,} more by source piece; about {record.mean_candidates:,.0f} "
        f"of {record.vocabulary:,} pieces scored per batch"
    )
    click.echo(
        f"held out: {fidelity.sentences} sentences, {fidelity.identical_share:.1%} identical "
        f"to the full vocabulary, {fidelity.token_agreement:.1%} of tokens; "
        f"{record.seconds_full:.1f} s with the full vocabulary, "
        f"{record.seconds_shortlist:.1f} s with the shortlist ({speed:.2f}× as fast)"
    )
    click.echo(shortlist_status(package, runtime.shortlist_threshold).describe())


@models_group.command(name="translate")
@click.argument("texts", nargs=-1)
@click.option(
    "--input",
    "input_file",
    type=click.File("rb"),
    default=None,
    help="Read one segment per line ('-' for standard input).",
)
@click.option("--beam", type=int, default=4, show_default=True, help="Beam size.")
@click.option("--name", "names", multiple=True, help="A personal name to keep out of MT.")
@click.option("--strip-name-diacritics", is_flag=True, help="Write names without diacritics.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@_DIR_OPTION
def translate_command(
    texts: tuple[str, ...],
    input_file: click.utils.LazyFile | None,
    beam: int,
    names: tuple[str, ...],
    strip_name_diacritics: bool,
    as_json: bool,
    directory: Path | None,
) -> None:
    """Translate segments with the installed vi→en package (one result per line)."""
    from translation.engine import MTRequest, get_engine, translate_all

    segments = list(texts)
    if input_file is not None:
        from workflow.intake import IntakeLimits
        from workflow.intake.limits import TEXT_MB_SETTING
        from workflow.vietnamese.encodings import decode_bytes

        limit = IntakeLimits.from_settings().max_text_bytes
        data = input_file.read(limit + 1)  # never more than the limit in memory
        if len(data) > limit:
            raise InvalidInput(
                "cli.input_over_text_limit",
                "{file} has more than {limit:,} bytes, the text import limit; split it into "
                "smaller files, or raise {setting} if such files are expected",
                file=input_file.name,
                limit=limit,
                setting=TEXT_MB_SETTING,
            )
        text, _ = decode_bytes(data)  # not text → one clear InvalidInput line
        segments += [line for line in text.splitlines() if line.strip()]
    if not segments:
        raise InvalidInput(
            "cli.nothing_to_translate", "nothing to translate; give TEXT arguments or --input FILE"
        )
    from workflow.mt_settings import MTRuntime

    runtime = MTRuntime.from_settings().engine_options()
    engine = get_engine("argos", packages_dir=directory, beam_size=beam, **runtime)
    requests = [
        MTRequest(key=index, source=text, names=names, strip_name_diacritics=strip_name_diacritics)
        for index, text in enumerate(segments)
    ]
    for result in translate_all(engine, requests):
        if as_json:
            line = json.dumps(
                {"target": result.target, "score": result.score, "flags": list(result.flags)},
                ensure_ascii=False,
            )
            click.echo(line)
        else:
            click.echo(result.target)


def register(cli: click.Group) -> None:
    cli.add_command(models_group)
