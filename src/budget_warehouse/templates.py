"""Template descriptions: how a province's budget documents are printed, as data.

Each ``templates/<template>.yml`` says how a document of the template is
recognized (patterns over its text), where its identity is printed (cover,
table headings), which tables it prints (title patterns, whether required),
what each column holds (header paths to measures of the shared vocabulary,
``templates/_vocabulary.yml``), which rows of its summary tables are which
(row keys), which figures must add up (row sums, item sums, balances) and
which tables repeat which (``repeats``), and what its narrative claims
(sentence patterns).  The readers and the models share this one description:
``python -m budget_warehouse.templates`` writes the parts the models read
into ``seeds/templates/*.csv`` and a pytest keeps them in step.

A description error is reported with the file and the entry, before any
document is read.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "templates"


class TemplateError(ValueError):
    """A template description is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Term:
    """One side of a repeat: a table's measure, at a row key, by code, by class, or over the whole table."""

    sign: int
    table: str
    side: str | None
    measure: str
    selector: str  # 'code', 'class', 'label', 'fixed_code', 'row' or 'table'
    row_key: str | None


@dataclass(frozen=True)
class Repeat:
    published: Term
    parts: tuple[Term, ...]
    text: str


@dataclass
class TableSpec:
    key: str
    title: re.Pattern[str]
    required: bool
    codes: str | None
    sides: dict[str, re.Pattern[str]]
    measures: list[tuple[re.Pattern[str], str]]
    basis: list[tuple[re.Pattern[str], str]]
    rows: dict[str, list[tuple[re.Pattern[str], str]]]
    class_rows: str | None
    row_sums: list[tuple[str, list[str], str]]
    item_sums: list[tuple[str, str, list[str]]]
    balances: list[tuple[str, str]]
    title_text: str = ""
    default_row: str | None = None
    seed: str | None = None
    funds: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    raw: dict = field(default_factory=dict)


@dataclass
class ClaimSpec:
    kind: str
    pattern: re.Pattern[str]
    unit: str | None
    raw: dict


@dataclass
class Template:
    name: str
    name_zh: str
    name_en: str
    path: Path
    budget_phase: str
    reader: str
    recognize: list[re.Pattern[str]]
    reject: list[re.Pattern[str]]
    cover: list[re.Pattern[str]]
    heading: re.Pattern[str] | None
    region_from_department: re.Pattern[str] | None
    region: str | None
    region_level: str
    tables: list[TableSpec]
    repeats: list[Repeat]
    claims: list[ClaimSpec] = field(default_factory=list)
    claim_rules: list[dict] = field(default_factory=list)
    raw: dict = field(default_factory=dict)

    def table(self, key: str) -> TableSpec:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise TemplateError(f"{where}: {pattern!r} is not a valid regular expression ({error})") from None


@cache
def vocabulary() -> dict[str, dict[str, dict[str, str]]]:
    path = TEMPLATES / "_vocabulary.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


_TERM = re.compile(
    r"^(?P<table>[a-z_]+)(?: (?P<side>income|expenditure))? (?P<measure>[a-z_]+)"
    r" (?:by (?P<by>code|class|label)|at code (?P<code>\d{3,7})|at (?P<row_key>[a-z_]+)|in (?P<whole>table))$"
)


def parse_terms(text: str, where: str) -> list[Term]:
    """'a total by code + b total by code - c basic at total' as signed terms."""
    terms: list[Term] = []
    pieces = re.split(r" ([+-]) ", " + " + text.strip())
    for sign_text, body in zip(pieces[1::2], pieces[2::2], strict=True):
        match = _TERM.match(body.strip())
        if not match:
            raise TemplateError(
                f"{where}: cannot read {body!r}; write '<table> [income|expenditure] <measure> by code|by class|at <row_key>|in table'"
            )
        selector = match["by"] or ("table" if match["whole"] else "fixed_code" if match["code"] else "row")
        terms.append(
            Term(
                1 if sign_text == "+" else -1,
                match["table"],
                match["side"],
                match["measure"],
                selector,
                match["code"] or match["row_key"],
            )
        )
    return terms


def _check_keys(values: list[str], known: dict, kind: str, where: str) -> None:
    for value in values:
        if value not in known and value != "classes":
            raise TemplateError(f"{where}: {kind} {value!r} is not in templates/_vocabulary.yml")


def _table(raw: dict, where: str) -> TableSpec:
    words = vocabulary()
    key = raw.get("key")
    if key not in words["table_kinds"]:
        raise TemplateError(f"{where}: table kind {key!r} is not in templates/_vocabulary.yml")
    where = f"{where} table {key}"
    measures = [(_compile(pattern, where), measure) for pattern, measure in raw.get("measures", [])]
    _check_keys([measure for _, measure in measures], words["measures"], "measure", where)
    rows: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for side, mapping in (raw.get("rows") or {}).items():
        rows[side] = [(_compile(f"^(?:{pattern})$", where), row_key) for row_key, pattern in mapping.items()]
        _check_keys(list(mapping), words["row_keys"], "row key", where)
    row_sums = [(entry[0], list(entry[1]), entry[2] if len(entry) > 2 else "") for entry in raw.get("row_sums", [])]
    for total, parts, _ in row_sums:
        _check_keys([total, *parts], words["measures"], "measure", where)
    item_sums = [(side, total, list(parts)) for side, total, parts in raw.get("item_sums", [])]
    for _, total, parts in item_sums:
        _check_keys([total, *[part.lstrip("-") for part in parts]], words["row_keys"], "row key", where)
    codes = raw.get("codes")
    if codes not in (None, "function", "economic"):
        raise TemplateError(f"{where}: codes must be function or economic, not {codes!r}")
    return TableSpec(
        key=key,
        title=_compile(raw["title"], where),
        required=bool(raw.get("required", False)),
        codes=codes,
        sides={side: _compile(pattern, where) for side, pattern in (raw.get("sides") or {}).items()},
        measures=measures,
        basis=[(_compile(pattern, where), basis) for pattern, basis in (raw.get("basis") or {}).items()],
        rows=rows,
        class_rows=raw.get("class_rows"),
        row_sums=row_sums,
        item_sums=item_sums,
        balances=[(left, right) for left, right in raw.get("balances", [])],
        title_text=raw["title"],
        default_row=raw.get("default_row"),
        seed=raw.get("seed"),
        funds=[(_compile(pattern, where), fund) for pattern, fund in (raw.get("funds") or {}).items()],
        raw=raw,
    )


def load(path: Path) -> Template:
    where = str(path.relative_to(path.parents[1])) if len(path.parents) > 1 else str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise TemplateError(f"{where}: is not valid YAML ({error})") from None
    for required in ("template", "budget_phase", "recognize", "identity", "tables"):
        if required not in raw:
            raise TemplateError(f"{where}: has no {required!r}")
    identity = raw["identity"]
    tables = [_table(table, where) for table in raw["tables"]]
    keys = {table.key for table in tables}
    repeats: list[Repeat] = []
    for entry in raw.get("repeats", []):
        published, parts = entry[0], entry[1]
        left = parse_terms(published, f"{where} repeat {published!r}")
        right = parse_terms(parts, f"{where} repeat {published!r}")
        for term in [*left, *right]:
            if term.table not in keys:
                raise TemplateError(f"{where} repeat {published!r}: table {term.table!r} is not a table of the template")
        repeats.append(Repeat(left[0], tuple(right), f"{published} = {parts}"))
    claims = []
    kinds = [claim["kind"] for claim in raw.get("claims", [])]
    if len(kinds) != len(set(kinds)):
        raise TemplateError(f"{where}: claim kinds must be unique; {sorted({k for k in kinds if kinds.count(k) > 1})} repeat")
    for claim in raw.get("claims", []):
        # a template read from seeds states its claims' kinds and roles instead of patterns
        pattern = claim.get("pattern") or "(?P<" + ">)(?P<".join(claim.get("roles", ["amount"])) + ">)"
        pattern = pattern.replace("{N}", NUMBER).replace("{Y}", r"20\d\d")
        claims.append(ClaimSpec(claim["kind"], _compile(pattern, f"{where} claim {claim['kind']}"), claim.get("unit"), claim))
    return Template(
        name=raw["template"],
        name_zh=raw.get("name_zh", ""),
        name_en=raw.get("name_en", ""),
        path=path,
        budget_phase=raw["budget_phase"],
        reader=raw.get("reader", "ruled_tables"),
        recognize=[_compile(pattern, f"{where} recognize") for pattern in raw["recognize"]],
        reject=[_compile(pattern, f"{where} reject") for pattern in raw.get("reject", [])],
        cover=[_compile(pattern, f"{where} identity") for pattern in identity.get("cover", [])],
        heading=_compile(identity["heading"], f"{where} identity") if identity.get("heading") else None,
        region_from_department=_compile(identity["region_from_department"], f"{where} identity")
        if identity.get("region_from_department")
        else None,
        region=identity.get("region"),
        region_level=identity.get("region_level", ""),
        tables=tables,
        repeats=repeats,
        claims=claims,
        claim_rules=raw.get("claim_rules", []),
        raw=raw,
    )


@cache
def all_templates() -> tuple[Template, ...]:
    return tuple(load(path) for path in sorted(TEMPLATES.glob("*.yml")) if not path.name.startswith("_"))


def recognize(text: str) -> Template | None:
    """The template whose every recognition pattern matches the text, if exactly one does."""
    matches = [
        template
        for template in all_templates()
        if template.reader == "ruled_tables"
        and all(pattern.search(text) for pattern in template.recognize)
        and not any(p.search(text) for p in template.reject)
    ]
    return matches[0] if len(matches) == 1 else None


# --- the seeds the models read -------------------------------------------------------------


def seed_rows() -> dict[str, tuple[list[str], list[list[str]]]]:
    """Every seed of seeds/templates/, as (header, rows)."""
    words = vocabulary()
    kinds = [[key, value["zh"], value["en"]] for key, value in words["table_kinds"].items()]
    measures = [[key, value["zh"], value["en"]] for key, value in words["measures"].items()]
    row_keys = [[key, value["zh"], value["en"]] for key, value in words["row_keys"].items()]
    templates, tables, rules, terms, columns, row_patterns = [], [], [], [], [], []
    for template in all_templates():
        templates.append([template.name, template.name_zh, template.name_en, template.budget_phase, template.reader])
        for table_no, table in enumerate(template.tables, start=1):
            tables.append(
                [
                    template.name,
                    table.key,
                    str(table_no),
                    table.title_text,
                    "true" if table.required else "false",
                    table.codes or "",
                    table.seed or "",
                ]
            )
            for target, patterns in (
                ("measure", table.raw.get("measures", [])),
                ("side", [[p, v] for v, p in (table.raw.get("sides") or {}).items()]),
                ("fund", [[p, v] for p, v in (table.raw.get("funds") or {}).items()]),
                ("basis", [[p, v] for p, v in (table.raw.get("basis") or {}).items()]),
            ):
                for priority, (pattern, value) in enumerate(patterns, start=1):
                    columns.append([template.name, table.key, target, str(priority), pattern, value])
            for side, mapping in (table.raw.get("rows") or {}).items():
                for priority, (row_key, pattern) in enumerate(mapping.items(), start=1):
                    row_patterns.append([template.name, table.key, "" if side == "*" else side, str(priority), pattern, row_key])

            def rule(family: str, description: str, rule_terms: list[list[str]], table: TableSpec = table, name: str = "") -> None:
                # an id that names the rule, so a finding's id survives rules added around it
                rule_id = f"{template.name}:{family}:{table.key}{':' + name if name else ''}"
                rules.append([template.name, rule_id, family, table.key, "", description])
                for role, sign, term_table, side, measure, selector, row_key in rule_terms:
                    terms.append([rule_id, role, sign, term_table, side, measure, selector, row_key, ""])

            for total, parts, side in table.row_sums:
                rule(
                    "row",
                    f"{total} = {' + '.join(parts)}",
                    [["published", "1", table.key, side, total, "row", ""]]
                    + [["part", "1", table.key, side, part, "row", ""] for part in parts],
                    name=total + (f":{side}" if side else ""),
                )
            for side, total, parts in table.item_sums:
                side = "" if side == "*" else side
                rule_terms = [["published", "1", table.key, side, "", "row", total]]
                for part in parts:
                    sign = "-1" if part.startswith("-") else "1"
                    if part == "classes":
                        rule_terms.append(["part", sign, table.key, side, "", "class", ""])
                    else:
                        rule_terms.append(["part", sign, table.key, side, "", "row", part.lstrip("-")])
                rule("item", f"{side} {total} = {' + '.join(parts)}", rule_terms, name=f"{side or 'all'}:{total}")
            for left, right in table.balances:
                rule(
                    "balance",
                    f"{left} = {right}",
                    [
                        ["published", "1", table.key, "income", "amount", "row", left],
                        ["part", "1", table.key, "expenditure", "amount", "row", right],
                    ],
                    name=f"{left}:{right}",
                )
        for repeat in template.repeats:
            rule_id = f"{template.name}:repeat:{hashlib.sha1(repeat.text.encode('utf-8')).hexdigest()[:10]}"
            rules.append([template.name, rule_id, "repeat", repeat.published.table, "", repeat.text])
            for role, term in [("published", repeat.published), *[("part", part) for part in repeat.parts]]:
                terms.append(
                    [rule_id, role, str(term.sign), term.table, term.side or "", term.measure, term.selector, term.row_key or "", ""]
                )
        for claim in template.claims:
            where = f"{template.path.name} claim {claim.kind}"

            def claim_rule(
                family: str, description: str, rule_terms: list[list[str]], kind: str = claim.kind, suffix: str = ""
            ) -> None:
                role = next(term[7] for term in rule_terms if term[0] in ("published", "current"))
                rule_id = f"{template.name}:{family}:{kind}:{role}{suffix}"
                rules.append([template.name, rule_id, family, "", kind, description])
                terms.extend([rule_id, *term] for term in rule_terms)

            groups = set(claim.pattern.groupindex)
            for role, expression in (claim.raw.get("equals") or {}).items():
                if role not in groups:
                    raise TemplateError(f"{where}: equals names {role!r}, which the pattern does not capture")
                parts = parse_terms(expression, where)
                claim_rule(
                    "narrative",
                    f"{claim.kind} {role} = {expression}",
                    [["published", "1", "", "", "", "claim", "", role]]
                    + [["part", str(t.sign), t.table, t.side or "", t.measure, t.selector, t.row_key or "", ""] for t in parts],
                )
            for total, parts in claim.raw.get("sums") or []:
                claim_rule(
                    "narrative",
                    f"{claim.kind} {total} = {' + '.join(parts)}",
                    [["published", "1", "", "", "", "claim", "", total]]
                    + [["part", "1", "", "", "", "claim", "", part] for part in parts],
                    suffix=":sum",
                )
            for pct, current, prior in claim.raw.get("change_pct") or []:
                claim_rule(
                    "percent",
                    f"{claim.kind} {pct} = ({current} - {prior}) / {prior}",
                    [
                        ["published", "1", "", "", "", "claim", "", pct],
                        ["current", "1", "", "", "", "claim", "", current],
                        ["prior", "1", "", "", "", "claim", "", prior],
                    ],
                )
            for pct, change, level in claim.raw.get("change_on_level") or []:
                claim_rule(
                    "percent",
                    f"{claim.kind} {pct} = {change} / ({level} - the stated change)",
                    [
                        ["published", "1", "", "", "", "claim", "", pct],
                        ["change", "1", "", "", "", "claim", "", change],
                        ["current", "1", "", "", "", "claim", "", level],
                    ],
                )
            for role, expression in (claim.raw.get("counts") or {}).items():
                parts = parse_terms(expression, where)
                claim_rule(
                    "count",
                    f"{claim.kind} {role} = the number of units printing {expression}",
                    [["published", "1", "", "", "", "claim", "", role]]
                    + [["part", str(t.sign), t.table, t.side or "", t.measure, t.selector, t.row_key or "", ""] for t in parts],
                )
            for word, current, prior in claim.raw.get("direction") or []:
                claim_rule(
                    "direction",
                    f"{claim.kind}: the direction word against {current} - {prior}",
                    [["current", "1", "", "", "", "claim", "", current], ["prior", "1", "", "", "", "claim", "", prior]],
                )
            for role in [
                *(claim.raw.get("equals") or {}),
                *(claim.raw.get("counts") or {}),
                *[t for t, _ in claim.raw.get("sums") or []],
                *[p for p, _, _ in claim.raw.get("change_on_level") or []],
            ]:
                if role not in groups:
                    raise TemplateError(f"{where}: names {role!r}, which the pattern does not capture")
    return {
        "template_table_kinds": (["table_key", "name_zh", "name_en"], kinds),
        "template_measures": (["measure_key", "name_zh", "name_en"], measures),
        "template_row_keys": (["row_key", "name_zh", "name_en"], row_keys),
        "templates": (["template", "name_zh", "name_en", "budget_phase", "reader"], templates),
        "template_tables": (
            ["template", "table_key", "table_order", "title_pattern", "is_required", "code_kind", "seed_name"],
            tables,
        ),
        "template_column_patterns": (["template", "table_key", "target", "priority", "pattern", "target_value"], columns),
        "template_row_patterns": (["template", "table_key", "side", "priority", "pattern", "row_key"], row_patterns),
        "template_rules": (["template", "rule_id", "check_family", "table_key", "claim_kind", "description"], rules),
        "template_rule_terms": (
            ["rule_id", "term_role", "term_sign", "table_key", "side", "measure_key", "selector", "row_key", "claim_role"],
            terms,
        ),
    }


def render(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write seeds/templates/*.csv from templates/*.yml.")
    parser.add_argument("--check", action="store_true", help="only report whether the seeds are up to date")
    args = parser.parse_args(argv)
    try:
        seeds = seed_rows()
    except TemplateError as error:
        print(f"template description error: {error}", file=sys.stderr)
        return 1
    stale = []
    SEEDS.mkdir(parents=True, exist_ok=True)
    for name, (header, rows) in seeds.items():
        path = SEEDS / f"{name}.csv"
        text = render(header, rows)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print("out of date: " + ", ".join(str(p) for p in stale) + " (run make templates)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


@cache
def _function_class_rows() -> tuple[tuple[str, str], ...]:
    path = TEMPLATES.parent / "seeds" / "reference" / "function_class_names.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple((row["function_class_name"], row["function_class_code"]) for row in csv.DictReader(handle))


def function_class_codes() -> dict[str, str]:
    """Every name a functional class (类) has been printed with, to its 3-digit code (seeds/reference)."""
    return dict(_function_class_rows())
