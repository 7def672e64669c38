"""Fixtures for MT tests: a tiny real Argos package, built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from songngu_testing.synthetic import TINY_COPY_SHAPE, build_package

from translation.packages import InstalledPackage, install_package

# Enough text for a small SentencePiece model covering Vietnamese letters and English.
TRAINING_TEXT = """\
Chạy! Giúp tôi với! Chào bạn. Tôi không biết. Chúng tôi đã đi bộ rất nhiều.
Ủy ban nhân dân tỉnh họp phiên thường kỳ tháng Tám năm 2022.
Bộ Tài chính và Bộ Kế hoạch và Đầu tư đã hợp nhất.
Thủ tướng Chính phủ ký Nghị định số 35/2025/NĐ-CP về chuyển đổi số.
Hội đồng nhân dân thành phố thông qua nghị quyết về kinh tế số.
Quốc hội khóa XV biểu quyết thông qua luật đất đai sửa đổi.
Tăng trưởng kinh tế đạt 6,5% trong quý I/2022, cao hơn dự báo.
Dự án có tổng vốn đầu tư 1.000 tỷ đồng, khởi công ngày 9/8/2022.
Ông Nguyễn Văn An, Chủ tịch UBND tỉnh, phát biểu tại hội nghị.
Việc hoà giải thủy lợi quý khuỷu thuở hoàn thành Quỳnh.
The People's Committee met in August. The Ministry of Finance approved the plan.
Digital transformation is a priority of the Government. Economic growth reached 6.5%.
Please send the report to the office before Friday. Thank you for your help!
ăâđêôơư ĂÂĐÊÔƠƯ àáảãạ ằắẳẵặ ầấẩẫậ èéẻẽẹ ềếểễệ ìíỉĩị òóỏõọ ồốổỗộ ờớởỡợ ùúủũụ ừứửữự ỳýỷỹỵ
ÀÁẢÃẠ ẰẮẲẴẶ ẦẤẨẪẬ ÈÉẺẼẸ ỀẾỂỄỆ ÌÍỈĨỊ ÒÓỎÕỌ ỒỐỔỖỘ ỜỚỞỠỢ ÙÚỦŨỤ ỪỨỬỮỰ ỲÝỶỸỴ
abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?()[]<>/-%_@"'
"""


def training_lines() -> list[str]:
    lines = [line for line in TRAINING_TEXT.splitlines() if line.strip()]
    return lines * 20


@pytest.fixture(scope="session")
def tiny_package_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real vi→en .argosmodel with random weights (built once per session)."""
    folder = tmp_path_factory.mktemp("synthetic")
    return build_package(folder / "translate-vi_en-1_9.argosmodel", training_lines=training_lines())


@pytest.fixture(scope="session")
def copy_package_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny package whose model copies its source and stops at its end (ratio 1)."""
    folder = tmp_path_factory.mktemp("synthetic-copy")
    return build_package(
        folder / "translate-vi_en-1_9.argosmodel",
        training_lines=training_lines(),
        shape=TINY_COPY_SHAPE,
        copy_ratio=1.0,
    )


@pytest.fixture
def copy_package(copy_package_file: Path, packages_dir: Path) -> Iterator[InstalledPackage]:
    """The copy package installed with songngu's own installer."""
    yield install_package(copy_package_file, directory=packages_dir)


@pytest.fixture
def packages_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty packages folder, set as ARGOS_PACKAGES_DIR for this test."""
    folder = tmp_path / "packages"
    folder.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    return folder


@pytest.fixture
def installed_package(tiny_package_file: Path, packages_dir: Path) -> Iterator[InstalledPackage]:
    """The tiny package installed with songngu's own installer."""
    yield install_package(tiny_package_file, directory=packages_dir)
