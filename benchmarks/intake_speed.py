"""Import speed: read + repair (+ sentence segmentation) of a synthetic 300-page report.

Builds a Vietnamese report of about 10,000 paragraphs (headings, formatted runs, links,
footnote references, tables, header/footer, footnotes) as DOCX and as TXT, at 1×, 4× and
16× that size, and imports each in a fresh subprocess so peak memory (VmHWM, which also
counts lxml's C allocations) belongs to that import alone. The same run opens each
DOCX with python-docx as the reference point, and reads a DOCX of 2,000,000 empty
paragraphs with the paragraph limit raised, to show memory stays bounded.

Run: .venv/bin/python -m benchmarks.intake_speed [--scales 1,4,16] [--skip-python-docx]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PARAGRAPHS_PER_SCALE = 10_000
SENTENCES = [
    "Năm 2024, GDP của Việt Nam tăng 7,09%, cao hơn mục tiêu 6,5% do Quốc hội đề ra.",
    "Bộ Tài chính cho biết thu ngân sách nhà nước đạt hơn 2.000 nghìn tỷ đồng.",
    "Theo Nghị quyết số 03-NQ/TU, các sở, ngành phải hoàn thành kế hoạch trước ngày 31/12/2025.",
    "PGS.TS. Nguyễn Văn An, Viện trưởng Viện Kinh tế, trình bày báo cáo tại hội thảo.",
    "Chuyển đổi số là nhiệm vụ trọng tâm của chính quyền các cấp trong giai đoạn 2021-2025.",
    "UBND TP. Hồ Chí Minh đã phê duyệt đề án phát triển kinh tế số với tổng vốn 1.500 tỷ đồng.",
    "Tỷ lệ hộ nghèo giảm còn 1,93%, giảm 0,5 điểm phần trăm so với năm trước.",
    "Hội nghị lần thứ 14 Ban Chấp hành Trung ương Đảng khóa XIII đã thảo luận nhiều nội dung quan trọng.",
    "Các địa phương cần tiếp tục cải cách thủ tục hành chính, nâng cao chất lượng dịch vụ công trực tuyến.",
    "Kim ngạch xuất khẩu quý I/2024 đạt 93 tỷ USD, tăng 17% so với cùng kỳ.",
    "Đại biểu Quốc hội đề nghị Chính phủ sớm ban hành nghị định hướng dẫn luật sửa đổi.",
    "Sở Giáo dục và Đào tạo tỉnh Quảng Nam tổ chức tập huấn cho 1.200 giáo viên.",
]
HEADINGS = ["Tình hình kinh tế - xã hội", "Kết quả thực hiện nhiệm vụ", "Phương hướng năm 2025"]
NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# The package's one relationship: the main document part.
PACKAGE_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _run(text: str, rpr: str = "") -> str:
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{_escape(text)}</w:t></w:r>'


def report_paragraphs(count: int, seed: int = 7) -> list[tuple[str, list[tuple[str, str]]]]:
    """(style, [(text, formatting)]) for each paragraph; formatting is '', 'b', 'i' or 'link'."""
    rng = random.Random(seed)
    paragraphs: list[tuple[str, list[tuple[str, str]]]] = []
    for index in range(count):
        if index % 30 == 0:
            paragraphs.append(("Heading1", [(f"{index // 30 + 1}. {rng.choice(HEADINGS)}", "")]))
            continue
        pieces: list[tuple[str, str]] = []
        for sentence in rng.sample(SENTENCES, rng.randint(1, 3)):
            words = sentence.split(" ")
            if rng.random() < 0.5 and len(words) > 6:
                cut = rng.randint(1, len(words) - 4)
                kind = rng.choice(["b", "b", "i", "link"])
                pieces.append((" ".join(words[:cut]) + " ", ""))
                pieces.append((" ".join(words[cut : cut + 3]), kind))
                pieces.append((" " + " ".join(words[cut + 3 :]) + " ", ""))
            else:
                pieces.append((sentence + " ", ""))
        paragraphs.append(("", pieces))
    return paragraphs


def build_docx(paragraphs: list[tuple[str, list[tuple[str, str]]]]) -> bytes:
    body: list[str] = []
    for index, (style, pieces) in enumerate(paragraphs):
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        runs = []
        for text, kind in pieces:
            if kind == "b":
                runs.append(_run(text, "<w:b/>"))
            elif kind == "i":
                runs.append(_run(text, "<w:i/>"))
            elif kind == "link":
                runs.append(f'<w:hyperlink r:id="rLink">{_run(text, "<w:u/>")}</w:hyperlink>')
            else:
                runs.append(_run(text))
        if index % 97 == 5:
            runs.append(
                '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                '<w:footnoteReference w:id="1"/></w:r>'
            )
        body.append(f"<w:p>{ppr}{''.join(runs)}</w:p>")
        if index % 50 == 49:
            cells = "".join(
                f"<w:tc><w:p>{_run(text)}</w:p></w:tc>"
                for text in ("Chỉ tiêu tăng trưởng", "7,09%", "Đạt kế hoạch")
            )
            body.append(f"<w:tbl><w:tr>{cells}</w:tr><w:tr>{cells}</w:tr></w:tbl>")
    document = f"<w:document {NAMESPACES}><w:body>{''.join(body)}</w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rHdr" Type="{REL}/header" Target="header1.xml"/>'
            f'<Relationship Id="rFn" Type="{REL}/footnotes" Target="footnotes.xml"/>'
            f'<Relationship Id="rLink" Type="{REL}/hyperlink" Target="https://chinhphu.vn" '
            'TargetMode="External"/></Relationships>',
        )
        archive.writestr(
            "word/header1.xml",
            f"<w:hdr {NAMESPACES}><w:p>{_run('Báo cáo tổng kết năm 2024')}</w:p></w:hdr>",
        )
        archive.writestr(
            "word/footnotes.xml",
            f'<w:footnotes {NAMESPACES}><w:footnote w:id="1"><w:p>'
            f"{_run('Số liệu của Tổng cục Thống kê.')}</w:p></w:footnote></w:footnotes>",
        )
    return buffer.getvalue()


def build_txt(paragraphs: list[tuple[str, list[tuple[str, str]]]]) -> bytes:
    lines = ["".join(text for text, _ in pieces).strip() for _, pieces in paragraphs]
    return ("\n\n".join(lines) + "\n").encode()


IMPORT_PROBE = """
import json, sys, time
from pathlib import Path

def high_water_kib():
    # VmHWM is this process image's peak RSS; ru_maxrss would carry over the parent's
    # size across fork+exec.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")

path, mode = sys.argv[1], sys.argv[2]
data = Path(path).read_bytes()
import workflow.intake as intake
from workflow.vietnamese.segmenter import split_spans, SegmentationRules
rules = SegmentationRules.default()
before = high_water_kib()
start = time.perf_counter()
cpu_start = time.process_time()
if mode == "songngu":
    # The 16x TXT (about 4,800 pages) is over the default 20 MiB text limit.
    limits = intake.IntakeLimits(max_paragraphs=int(sys.argv[3]), max_text_bytes=64 * 2**20)
    document = intake.read_source(data, Path(path).name, limits)
    read_done = time.perf_counter()
    sentences = sum(len(split_spans(block.text, rules)) for block in document.blocks)
    count = len(document.blocks)
else:
    import docx, io
    opened = docx.Document(io.BytesIO(data))
    count = sum(1 for p in opened.paragraphs if p.text.strip())
    read_done = time.perf_counter()
    sentences = 0
end = time.perf_counter()
print(json.dumps({
    "cpu_s": time.process_time() - cpu_start,
    "read_s": read_done - start, "total_s": end - start, "blocks": count,
    "sentences": sentences, "baseline_kib": before,
    "peak_kib": high_water_kib(),
}))
"""


def measure(path: Path, mode: str, max_paragraphs: int = 250_000) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE, str(path), mode, str(max_paragraphs)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"import of {path.name} ({mode}) failed:\n{result.stderr}")
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--skip-python-docx", action="store_true")
    parser.add_argument("--skip-empty", action="store_true")
    args = parser.parse_args()
    print(f"nproc={os.cpu_count()}  load={os.getloadavg()[0]:.1f}")
    header = "| input | scale | paragraphs | file MB | blocks | sentences | read s | read+segment s | CPU s | CPU µs/paragraph | peak RSS MB | RSS growth MB |"
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    with tempfile.TemporaryDirectory() as folder:
        for scale in (int(s) for s in args.scales.split(",")):
            paragraphs = report_paragraphs(PARAGRAPHS_PER_SCALE * scale)
            for kind, data in (("docx", build_docx(paragraphs)), ("txt", build_txt(paragraphs))):
                path = Path(folder) / f"report-{scale}.{kind}"
                path.write_bytes(data)
                modes = ["songngu"]
                if kind == "docx" and not args.skip_python_docx:
                    modes.append("python-docx")
                for mode in modes:
                    figures = measure(path, mode)
                    label = kind if mode == "songngu" else "docx, python-docx open only"
                    print(
                        f"| {label} | {scale}× | {len(paragraphs):,} | {len(data) / 2**20:.1f} "
                        f"| {figures['blocks']:,} | {figures['sentences']:,} "
                        f"| {figures['read_s']:.2f} | {figures['total_s']:.2f} "
                        f"| {figures['cpu_s']:.2f} "
                        f"| {figures['cpu_s'] / len(paragraphs) * 1e6:.0f} "
                        f"| {figures['peak_kib'] / 1024:.0f} "
                        f"| {(figures['peak_kib'] - figures['baseline_kib']) / 1024:.0f} |",
                        flush=True,
                    )
        if not args.skip_empty:
            path = Path(folder) / "empty.docx"
            body = "<w:p/>" * 2_000_000
            document = f"<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>"
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
                archive.writestr("_rels/.rels", PACKAGE_RELS)
                archive.writestr("word/document.xml", document)
            path.write_bytes(buffer.getvalue())
            figures = measure(path, "songngu", max_paragraphs=3_000_000)
            print(
                f"| docx, 2,000,000 empty paragraphs (limit raised) | — | 2,000,000 "
                f"| {path.stat().st_size / 2**20:.1f} | {figures['blocks']} | 0 "
                f"| {figures['read_s']:.2f} | {figures['total_s']:.2f} | {figures['cpu_s']:.2f} "
                f"| {figures['cpu_s'] / 2_000_000 * 1e6:.1f} | {figures['peak_kib'] / 1024:.0f} "
                f"| {(figures['peak_kib'] - figures['baseline_kib']) / 1024:.0f} |"
            )


if __name__ == "__main__":
    main()
