"""The raw layer is a faithful transcription of the source document."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import yaml

from budget_warehouse import transcribe


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_committed_table_seeds_equal_the_transcription(root: Path) -> None:
    source = root / "data/source/000_05c50ae7d1510997.txt"
    for seed in transcribe.transcribe(source):
        committed = (root / "seeds/document" / f"{seed.name}.csv").read_text(encoding="utf-8")
        assert committed == transcribe.render(seed), f"{seed.name}.csv differs from 'make transcribe' output"


def test_source_copy_is_the_shared_document(root: Path) -> None:
    documents = read_csv(root / "seeds/document/documents.csv")
    assert len(documents) == 1
    source = root / documents[0]["source_file"]
    assert hashlib.sha256(source.read_bytes()).hexdigest() == documents[0]["source_sha256"]


def test_every_narrative_figure_is_printed_on_its_line(root: Path) -> None:
    lines = (root / "data/source/000_05c50ae7d1510997.txt").read_text(encoding="utf-8").split("\n")
    figures = read_csv(root / "seeds/document/narrative_figures.csv")
    assert figures, "no narrative figures"
    for figure in figures:
        line = lines[int(figure["source_line"]) - 1]
        where = f"narrative_figures.csv figure {figure['figure_no']} (source line {figure['source_line']})"
        assert figure["figure_text_as_printed"] in line, f"{where}: {figure['figure_text_as_printed']!r} not on the line"
        assert figure["direction_as_printed"] in line, f"{where}: direction {figure['direction_as_printed']!r} not on the line"
        assert figure["figure_value"] == figure["figure_text_as_printed"].replace(",", ""), where


def test_every_number_of_the_narrative_is_transcribed(root: Path) -> None:
    """Each amount printed with 万元 in parts 2 to 8 appears among the narrative figures of its line."""
    import re

    lines = (root / "data/source/000_05c50ae7d1510997.txt").read_text(encoding="utf-8").split("\n")
    figures = read_csv(root / "seeds/document/narrative_figures.csv")
    by_line: dict[int, list[str]] = {}
    for figure in figures:
        by_line.setdefault(int(figure["source_line"]), []).append(figure["figure_text_as_printed"])
    part2 = next(i for i, line in enumerate(lines) if line.startswith("第二部分 部门预算收支总体情况") and i > 40)
    part9 = next(i for i, line in enumerate(lines) if line.startswith("第九部分 名词解释") and i > 40)
    missing = []
    for index in range(part2, part9):
        # amounts in 万元 and percentages; 单价100万元以上 is a threshold, not a figure
        printed = re.findall(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*(?:万元|%)", lines[index].replace("100万元以上", ""))
        for number in printed:
            if number not in by_line.get(index + 1, []):
                missing.append(f"line {index + 1}: {number}")
    assert not missing, "narrative numbers not in narrative_figures.csv: " + "; ".join(missing)


def test_every_seed_column_is_documented_with_its_chinese_header(root: Path) -> None:
    spec = yaml.safe_load((root / "seeds/_seeds.yml").read_text(encoding="utf-8"))
    for seed in spec["seeds"]:
        assert seed.get("description"), seed["name"]
        declared = list(seed["config"]["column_types"])
        documented = [column["name"] for column in seed["columns"]]
        assert declared == documented, seed["name"]
        for column in seed["columns"]:
            assert column.get("description") and column.get("meta", {}).get("header_zh"), f"{seed['name']}.{column['name']}"
            if column["name"].endswith("_amount"):
                assert seed["config"]["column_types"][column["name"]] == "decimal(18,2)", f"{seed['name']}.{column['name']}"


def test_every_printed_amount_text_is_on_its_source_line(root: Path) -> None:
    lines = (root / "data/source/000_05c50ae7d1510997.txt").read_text(encoding="utf-8").split("\n")
    rows = read_csv(root / "seeds/document/printed_texts.csv")
    assert rows, "the transcription keeps the printed text of amounts with thousands separators"
    for row in rows:
        assert row["figure_text_as_printed"] in lines[int(row["source_line"]) - 1].split("\t"), row


def test_a_narrative_text_that_disagrees_with_its_value_is_refused_before_loading(root: Path, tmp_path: Path) -> None:
    import shutil

    from budget_warehouse import validate

    shutil.copytree(root / "seeds", tmp_path / "seeds")
    seed = tmp_path / "seeds/document/narrative_figures.csv"
    text = seed.read_text(encoding="utf-8")
    # 机关运行经费 19.63: its printed text typed as 19.36, its value left as printed
    assert ",19.63,19.63,万元" in text
    seed.write_text(text.replace(",19.63,19.63,万元", ",19.36,19.63,万元", 1), encoding="utf-8")
    problems = validate.validate_project(tmp_path)
    assert len(problems) == 1
    assert problems[0].startswith("seeds/document/narrative_figures.csv:")
    assert "'19.36' prints 19.36, but figure_value = '19.63'" in problems[0]
