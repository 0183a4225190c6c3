"""Bad input, per document: each file that cannot be loaded is left out with a message naming it.

Every case runs the intake (the step of make build that reads the documents)
on a folder holding one good PDF and the bad file: the good one still loads,
the bad one is left out with its reason and a message naming the file. A
pathological PDF (a decompression bomb, too many pages) and a reader that
hangs or grows without bound are stopped by each document's time and memory
limits, and reported the same way.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import time
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader, PdfWriter

from budget_warehouse import intake

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "data/documents/shpt_zhengfubangongshi_2025_yusuan_bumen.pdf"
FAST = intake.Limits(seconds=60, memory_bytes=1536 * 2**20, workers=2)


def run(folder: Path, limits: intake.Limits = FAST) -> dict[str, intake.Outcome]:
    summary = intake.intake(intake.find_documents(folder), cache=None, limits=limits)
    return {outcome.path.name: outcome for outcome in summary.outcomes}


def with_good(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copyfile(GOOD, folder / "good.pdf")
    return folder


def text_pdf(path: Path, lines: list[str]) -> None:
    """A one-page PDF with a few lines of Latin text (a standard font), made with PDFium."""
    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    font = pdfium_c.FPDFText_LoadStandardFont(document.raw, b"Helvetica")
    for number, line in enumerate(lines):
        text = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, font, 12.0)
        characters = (ctypes.c_ushort * (len(line) + 1))(*[ord(char) for char in line], 0)
        pdfium_c.FPDFText_SetText(text, characters)
        pdfium_c.FPDFPageObj_Transform(text, 1, 0, 0, 1, 50, 780 - 20 * number)
        pdfium_c.FPDFPage_InsertObject(page.raw, text)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    document.save(str(path))


def pages_of(source: Path, path: Path, pages: list[int]) -> None:
    """A PDF made of some pages (0-based) of another."""
    document = pdfium.PdfDocument.new()
    document.import_pages(pdfium.PdfDocument(str(source)), pages)
    document.save(str(path))


def test_a_good_folder_loads_every_document(tmp_path: Path) -> None:
    outcomes = run(with_good(tmp_path))
    assert outcomes["good.pdf"].status == "loaded"
    assert outcomes["good.pdf"].result["document"]["department_name"] == "上海市普陀区人民政府办公室"


def test_a_scan_without_a_text_layer(tmp_path: Path) -> None:
    folder = with_good(tmp_path)
    document = pdfium.PdfDocument.new()
    for _ in range(3):
        page = document.new_page(595, 842)
        rectangle = pdfium_c.FPDFPageObj_CreateNewRect(50, 50, 400, 600)
        pdfium_c.FPDFPath_SetDrawMode(rectangle, pdfium_c.FPDF_FILLMODE_ALTERNATE, 0)
        pdfium_c.FPDFPage_InsertObject(page.raw, rectangle)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    document.save(str(folder / "scan.pdf"))
    outcomes = run(folder)
    assert outcomes["good.pdf"].status == "loaded"
    assert (outcomes["scan.pdf"].status, outcomes["scan.pdf"].reason) == ("left_out", "no_text")
    assert "scan.pdf" in outcomes["scan.pdf"].message and "no text layer" in outcomes["scan.pdf"].message


def test_an_encrypted_pdf(tmp_path: Path) -> None:
    folder = with_good(tmp_path)
    writer = PdfWriter(clone_from=PdfReader(str(GOOD)))
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(folder / "locked.pdf", "wb") as handle:
        writer.write(handle)
    outcomes = run(folder)
    assert outcomes["good.pdf"].status == "loaded"
    assert outcomes["locked.pdf"].reason == "encrypted"
    assert "locked.pdf: is encrypted" in outcomes["locked.pdf"].message


def test_a_truncated_download(tmp_path: Path) -> None:
    folder = with_good(tmp_path)
    data = GOOD.read_bytes()
    (folder / "cut.pdf").write_bytes(data[: len(data) // 2])
    outcomes = run(folder)
    assert outcomes["good.pdf"].status == "loaded"
    assert outcomes["cut.pdf"].reason == "truncated"
    assert "cut.pdf: ends before the PDF's end-of-file marker" in outcomes["cut.pdf"].message


def test_a_file_named_pdf_that_is_not_one(tmp_path: Path) -> None:
    folder = with_good(tmp_path)
    (folder / "notes.pdf").write_text("预算 notes, not a PDF", encoding="utf-8")
    outcomes = run(folder)
    assert outcomes["notes.pdf"].reason == "not_a_pdf"
    assert "notes.pdf: is not a PDF" in outcomes["notes.pdf"].message


def test_a_pdf_of_another_kind(tmp_path: Path) -> None:
    folder = with_good(tmp_path)
    text_pdf(
        folder / "notice.pdf", ["Notice of government procurement", "Tender 2024-017: office furniture", "Deadline 2024-05-01"]
    )
    outcomes = run(folder)
    assert outcomes["good.pdf"].status == "loaded"
    assert outcomes["notice.pdf"].reason == "not_a_budget"
    assert "notice.pdf: is not a budget or final-accounts disclosure" in outcomes["notice.pdf"].message


def test_a_budget_of_a_template_the_warehouse_does_not_know(tmp_path: Path) -> None:
    folder = with_good(tmp_path)
    # two pages of tables from a Shanghai budget, without the cover or the 收支总表 its template is known by
    pages_of(GOOD, folder / "fragment.pdf", [8, 9])
    outcomes = run(folder)
    assert outcomes["fragment.pdf"].reason == "unknown_template"
    assert "fragment.pdf: looks like a budget or final-accounts disclosure" in outcomes["fragment.pdf"].message
    assert "templates/" in outcomes["fragment.pdf"].message


def test_the_same_file_twice_loads_once(tmp_path: Path) -> None:
    folder = with_good(tmp_path)
    (folder / "again").mkdir()
    shutil.copyfile(GOOD, folder / "again" / "copy.pdf")
    outcomes = run(folder)
    assert [o.status for o in outcomes.values()].count("loaded") == 1
    duplicate = next(o for o in outcomes.values() if o.status != "loaded")
    assert duplicate.reason == "duplicate"
    assert "is the same file" in duplicate.message


def test_two_files_printing_one_identity_and_different_figures_are_both_left_out(tmp_path: Path) -> None:
    folder = with_good(tmp_path)
    count = len(pdfium.PdfDocument(str(GOOD)))
    # page 20 prints a table: without it the file prints other figures under the same identity
    pages_of(GOOD, folder / "shorter.pdf", [page for page in range(count) if page != 19])
    outcomes = run(folder)
    assert outcomes["good.pdf"].reason == outcomes["shorter.pdf"].reason == "conflict"
    assert "shorter.pdf" in outcomes["good.pdf"].message and "good.pdf" in outcomes["shorter.pdf"].message
    assert "上海市普陀区人民政府办公室 2025 预算 部门" in outcomes["good.pdf"].message


def test_a_copy_missing_a_page_without_figures_is_no_rival_and_the_whole_loads(tmp_path: Path) -> None:
    folder = with_good(tmp_path)
    count = len(pdfium.PdfDocument(str(GOOD)))
    # the last page prints no table: the shorter file prints nothing the whole does not
    pages_of(GOOD, folder / "shorter.pdf", list(range(count - 1)))
    outcomes = run(folder)
    assert (outcomes["good.pdf"].status, outcomes["shorter.pdf"].reason) == ("loaded", "duplicate")
    assert "good.pdf" in outcomes["shorter.pdf"].message


def test_thousands_of_pages_are_refused_without_reading_them(tmp_path: Path) -> None:
    folder = with_good(tmp_path)
    document = pdfium.PdfDocument.new()
    for _ in range(2000):
        document.new_page(595, 842)
    document.save(str(folder / "huge.pdf"))
    started = time.monotonic()
    outcomes = run(folder)
    assert time.monotonic() - started < 60
    assert outcomes["huge.pdf"].reason == "too_large"
    assert "2000 pages" in outcomes["huge.pdf"].message


def bomb(path: Path, megabytes: int) -> None:
    """A one-page PDF whose 1 MB content stream inflates to the given size of drawing operators."""
    compressor = zlib.compressobj(9)
    chunk = b"0 0 m 1 1 l S\n" * (2**20 // 14)
    data = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    path.write_bytes(bytes(out))


def test_a_decompression_bomb_is_stopped_by_the_memory_limit(tmp_path: Path) -> None:
    folder = with_good(tmp_path)
    bomb(folder / "bomb.pdf", 1500)
    assert (folder / "bomb.pdf").stat().st_size < 5 * 2**20
    started = time.monotonic()
    outcomes = run(folder, intake.Limits(seconds=60, memory_bytes=900 * 2**20, workers=2))
    assert time.monotonic() - started < 60
    assert outcomes["good.pdf"].status == "loaded"
    assert outcomes["bomb.pdf"].status == "left_out"
    assert outcomes["bomb.pdf"].reason in ("too_much_memory", "crashed")
    assert "bomb.pdf" in outcomes["bomb.pdf"].message


def slow_reader(path: str, sha256: str, max_pages: int) -> dict:
    time.sleep(30)
    return {}


def greedy_reader(path: str, sha256: str, max_pages: int) -> dict:
    hoard = []
    while True:
        hoard.append(bytearray(50 * 2**20))


def dying_reader(path: str, sha256: str, max_pages: int) -> dict:
    os._exit(3)


@pytest.mark.parametrize(
    ("reader", "reason", "words"),
    [
        (slow_reader, "too_slow", "took more than 2 s"),
        (greedy_reader, "too_much_memory", "needed more than 600 MiB"),
        (dying_reader, "crashed", "stopped"),
    ],
)
def test_each_document_is_read_within_its_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader, reason: str, words: str
) -> None:
    folder = with_good(tmp_path)
    monkeypatch.setattr(intake, "_read_one", reader)
    started = time.monotonic()
    outcomes = run(folder, intake.Limits(seconds=2, memory_bytes=600 * 2**20, workers=2))
    assert time.monotonic() - started < 20
    assert outcomes["good.pdf"].reason == reason
    assert words in outcomes["good.pdf"].message and "good.pdf" in outcomes["good.pdf"].message


def test_an_unchanged_document_is_read_once_then_from_the_cache(tmp_path: Path) -> None:
    folder = with_good(tmp_path)
    cache = tmp_path / "cache"
    first = intake.intake(intake.find_documents(folder), cache, FAST)
    second = intake.intake(intake.find_documents(folder), cache, FAST)
    assert [o.from_cache for o in first.outcomes] == [False]
    assert [o.from_cache for o in second.outcomes] == [True]
    assert second.outcomes[0].result == first.outcomes[0].result
