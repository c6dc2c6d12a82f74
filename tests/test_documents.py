"""Reading documents: encodings, metadata, and bad files that are skipped with one line."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.loaders import load_inputs
from diplograph.loaders.documents import MAX_CHARS, read_documents


def _read(paths: list[Path]) -> tuple[list, list[str]]:
    warnings: list[str] = []
    return list(read_documents(paths, warn=warnings.append)), warnings


def test_good_text_gets_a_stable_id_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("---\ntitle: Envoys meet\noutlet: Test Wire\ndate: 2025-02-03\n---\n"
                    "Envoys meet\n\nTwo envoys met in Rome.\n", encoding="utf-8")
    (doc,), warnings = _read([path])
    again, _ = _read([path])
    assert warnings == []
    assert doc.id == again[0].id and doc.id.startswith("note.md#")
    assert (doc.title, doc.outlet, doc.date) == ("Envoys meet", "Test Wire", "2025-02-03")
    assert doc.text.startswith("Envoys meet")


@pytest.mark.parametrize("name, content, reason", [
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\n ", "empty"),
])
def test_bad_files_warn_in_one_line_and_the_rest_loads(tmp_path: Path, name: str,
                                                      content: bytes, reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("The delegation arrived on Monday.", encoding="utf-8")
    docs, warnings = _read([bad, good])
    assert [d.id.split("#")[0] for d in docs] == ["good.txt"]
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert warnings[0].startswith(str(bad)) and reason in warnings[0]


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le ministre François Dupré a visité Taipei en été.".encode("latin-1"))
    (doc,), warnings = _read([path])
    assert "François Dupré" in doc.text and warnings == []


def test_a_50_mb_text_is_skipped_with_a_warning(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    line = "Officials met again to discuss the same budget line.\n"
    big.write_text(line * (50_000_000 // len(line)), encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("A short note.", encoding="utf-8")
    docs, warnings = _read([big, small])
    assert [d.id.split("#")[0] for d in docs] == ["small.txt"]
    assert len(warnings) == 1 and str(big) in warnings[0] and f"{MAX_CHARS:,}" in warnings[0]


def test_html_main_text_only(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    page = tmp_path / "page.html"
    body = " ".join(["The two defence ministers met in Canberra to review the exercise."] * 5)
    page.write_text(f"<html><head><title>Ministers meet</title><script>var x = 1;</script>"
                    f"</head><body><nav>Home | World | Sport</nav><article><p>{body}</p>"
                    f"</article></body></html>", encoding="utf-8")
    (doc,), _ = _read([page])
    assert "Canberra" in doc.text and "var x" not in doc.text


def test_load_inputs_reports_skipped_documents(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    loaded = load_inputs([tmp_path])
    assert loaded.documents == 0 and len(loaded.warnings) == 1
