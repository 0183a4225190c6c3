"""Every model and column is documented, in Chinese and English."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import yaml

from project_copy import ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{3,}")


def documented_models() -> dict[str, dict]:
    """Every model the YAML describes; a versioned model's older versions under their own names (name_vN),
    with the columns their `include`/`exclude` and own entries give."""
    models = {}
    for path in (ROOT / "models").rglob("_*__models.yml"):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            models[model["name"]] = model
            for version in model.get("versions", []):
                if version["v"] == model.get("latest_version"):
                    continue
                columns = [column for column in version.get("columns", []) if "name" in column]
                for include in [column for column in version.get("columns", []) if "include" in column]:
                    kept = {column["name"] for column in columns} | set(include.get("exclude", []))
                    columns += [column for column in model.get("columns", []) if column["name"] not in kept]
                name = version.get("defined_in", f"{model['name']}_v{version['v']}")
                models[name] = dict(version, name=name, columns=columns)
    return models


def doc_blocks() -> dict[str, str]:
    blocks = {}
    for path in (ROOT / "models").rglob("*.md"):
        for name, body in re.findall(r"{%\s*docs\s+(\w+)\s*%}(.*?){%\s*enddocs\s*%}", path.read_text(encoding="utf-8"), re.S):
            blocks[name] = body
    return blocks


def resolve(description: str, blocks: dict[str, str]) -> str:
    return re.sub(r"""{{\s*doc\(["'](\w+)["']\)\s*}}""", lambda m: blocks.get(m.group(1), "MISSING"), description)


def test_every_model_file_is_documented() -> None:
    models = documented_models()
    files = {path.stem for path in (ROOT / "models").rglob("*.sql")}
    assert sorted(files - set(models)) == [], "models without YAML"
    assert sorted(set(models) - files) == [], "YAML for models that do not exist"


def test_every_model_and_column_has_a_bilingual_description() -> None:
    blocks = doc_blocks()
    missing = []
    for name, model in documented_models().items():
        text = resolve(model.get("description", ""), blocks)
        if not (CJK.search(text) and LATIN.search(text)) or "MISSING" in text:
            missing.append(name)
        for column in model.get("columns", []):
            text = resolve(column.get("description", ""), blocks)
            if not (CJK.search(text) and LATIN.search(text)) or "MISSING" in text:
                missing.append(f"{name}.{column['name']}")
    assert missing == []


def test_documented_columns_are_the_columns_built(built_project: Path) -> None:
    models = documented_models()
    with duckdb.connect(str(built_project / "warehouse/budget.duckdb"), read_only=True) as connection:
        built: dict[str, set[str]] = {}
        for table, column in connection.execute(
            "select table_name, column_name from duckdb_columns() where schema_name in ('staging', 'intermediate', 'marts')"
        ).fetchall():
            built.setdefault(table, set()).add(column)
    differences = {}
    for name, model in models.items():
        documented = {column["name"] for column in model.get("columns", [])}
        if built.get(name, set()) != documented:
            differences[name] = {
                "undocumented": sorted(built.get(name, set()) - documented),
                "not built": sorted(documented - built.get(name, set())),
            }
    assert differences == {}
