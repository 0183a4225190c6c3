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
# PyYAML's safe loader, in libyaml's C where PyYAML has it (a tenth of the pure-Python one's time; the same
# objects from every template and seed description, checked when this was chosen)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
    basis: str | None = None  # 预算 or 决算, where a table prints both


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
    rows: dict[str, list[tuple[re.Pattern[str], str, str | None]]]
    class_rows: str | None
    row_sums: list[tuple[str, list[str], str]]
    item_sums: list[tuple[str, str, list[str]]]
    balances: list[tuple[str, str]]
    title_text: str = ""
    default_row: str | None = None
    seed: str | None = None
    funds: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    # an outline table (政府采购): for each level, the header patterns of its label columns
    outline: list[list[re.Pattern[str]]] = field(default_factory=list)
    # (pattern, measure, alternative): a header that may mean another measure, the table's arithmetic deciding
    measure_alternatives: list[tuple[re.Pattern[str], str, str]] = field(default_factory=list)
    # the rows name each budget unit and, under it (indented), the unit's lines (by unit, then class or project)
    units_in_rows: bool = False
    # the row key of a line under a unit that is no class of the table's codes (a project: project_line)
    line_key: str | None = None
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
    # where no cover names the department: the narrative's own words for it (北京市统计局主要职责), first pages only
    body: list[re.Pattern[str]]
    # lines that name the document's year or department (table titles, 部分 titles): each must agree with the cover
    mentions: list[re.Pattern[str]]
    region_from_department: re.Pattern[str] | None
    region: str | None
    region_level: str
    tables: list[TableSpec]
    repeats: list[Repeat]
    claims: list[ClaimSpec] = field(default_factory=list)
    claim_rules: list[dict] = field(default_factory=list)
    # the shared description of the national table set: used where no publisher's own description matches
    fallback: bool = False
    # columns of another year or of a change (上年执行数, 增减): printed beside this year's, no measure of it
    prior_columns: re.Pattern[str] | None = None
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
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


_TERM = re.compile(
    r"^(?P<table>[a-z_]+)(?: (?P<side>income|expenditure))? (?P<measure>[a-z_]+)(?: (?P<basis>预算|决算))?"
    r" (?:by (?P<by>code|class|label)|at code (?P<code>\d{3,7})|at (?P<row_key>[a-z_]+)|in (?P<whole>table))$"
)


def parse_terms(text: str, where: str) -> list[Term]:
    """'a total by code + b total by code - c basic at total' as signed terms."""
    terms: list[Term] = []
    pieces = re.split(r" ([+-]) ", " + " + text.strip())
    for sign_text, body in zip(pieces[1::2], pieces[2::2], strict=True):
        match = _TERM.match(body.strip())
        if not match:
            form = (
                "<table> [income|expenditure] <measure> [预算|决算] by code|by class|by label|at code <code>|at <row_key>"
                "|in table"
            )
            raise TemplateError(f"{where}: cannot read {body!r}; write '{form}'")
        selector = match["by"] or ("table" if match["whole"] else "fixed_code" if match["code"] else "row")
        terms.append(
            Term(
                1 if sign_text == "+" else -1,
                match["table"],
                match["side"],
                match["measure"],
                selector,
                match["code"] or match["row_key"],
                match["basis"],
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
    measures = [(_compile(entry[0], where), entry[1]) for entry in raw.get("measures", [])]
    # a header two measures may mean ([pattern, measure, alternative]: a 合计 beside 会议费 and 培训费 may be the
    # “三公” total or the total of all five): the reader reads the first, and the table's arithmetic decides
    alternatives = [(_compile(entry[0], where), entry[1], entry[2]) for entry in raw.get("measures", []) if len(entry) > 2]
    _check_keys([measure for _, measure in measures], words["measures"], "measure", where)
    _check_keys([alternative for _, _, alternative in alternatives], words["measures"], "measure", where)
    rows: dict[str, list[tuple[re.Pattern[str], str, str | None]]] = {}
    for side, mapping in (raw.get("rows") or {}).items():
        # a row key's label, or {label, after}: the label counts only below the row of key `after`
        # (年初结转和结余 lists the funds again under itself)
        entries = []
        for row_key, value in mapping.items():
            label, after = (value["label"], value.get("after")) if isinstance(value, dict) else (value, None)
            entries.append((_compile(f"^(?:{label})$", where), row_key, after))
        rows[side] = entries
        _check_keys([*mapping, *[after for _, _, after in entries if after]], words["row_keys"], "row key", where)
    row_sums = [(entry[0], list(entry[1]), entry[2] if len(entry) > 2 else "") for entry in raw.get("row_sums", [])]
    for total, parts, _ in row_sums:
        _check_keys([total, *[part.lstrip("-") for part in parts]], words["measures"], "measure", where)
    item_sums = [(side, total, list(parts)) for side, total, parts in raw.get("item_sums", [])]
    for _, total, parts in item_sums:
        _check_keys([total, *[part.lstrip("-") for part in parts]], words["row_keys"], "row key", where)
    codes = raw.get("codes")
    if raw.get("line_key"):
        _check_keys([raw["line_key"]], words["row_keys"], "row key", where)
    if codes not in (None, "function", "economic"):
        raise TemplateError(f"{where}: codes must be function or economic, not {codes!r}")
    return TableSpec(
        key=key,
        title=_compile(raw["title"], where),
        required=bool(raw.get("required", False)),
        codes=codes,
        sides={side: _compile(pattern, where) for side, pattern in (raw.get("sides") or {}).items()},
        measures=measures,
        measure_alternatives=alternatives,
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
        outline=[[_compile(pattern, where) for pattern in level] for level in raw.get("outline") or []],
        units_in_rows=bool(raw.get("units_in_rows", False)),
        line_key=raw.get("line_key"),
        raw=raw,
    )


def load(path: Path) -> Template:
    where = str(path.relative_to(path.parents[1])) if len(path.parents) > 1 else str(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
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
        body=[_compile(pattern, f"{where} identity") for pattern in identity.get("body", [])],
        mentions=[_compile(pattern, f"{where} identity") for pattern in identity.get("mentions", [])],
        region_from_department=_compile(identity["region_from_department"], f"{where} identity")
        if identity.get("region_from_department")
        else None,
        region=identity.get("region"),
        region_level=identity.get("region_level", ""),
        tables=tables,
        repeats=repeats,
        claims=claims,
        claim_rules=raw.get("claim_rules", []),
        fallback=bool(raw.get("fallback", False)),
        prior_columns=_compile(raw["prior_columns"], f"{where} prior_columns") if raw.get("prior_columns") else None,
        raw=raw,
    )


@cache
def all_templates() -> tuple[Template, ...]:
    return tuple(load(path) for path in sorted(TEMPLATES.glob("*.yml")) if not path.name.startswith("_"))


def recognize(text: str) -> Template | None:
    """The publisher's own description whose every recognition pattern matches the text, if exactly one does;
    else the shared description of the national table set, if the text prints its tables."""
    candidates = [
        template
        for template in all_templates()
        if template.reader == "ruled_tables"
        and all(pattern.search(text) for pattern in template.recognize)
        and not any(p.search(text) for p in template.reject)
    ]
    own = [template for template in candidates if not template.fallback]
    if own:
        return own[0] if len(own) == 1 else None
    shared = [template for template in candidates if template.fallback]
    return shared[0] if len(shared) == 1 else None


# --- the seeds the models read -------------------------------------------------------------


def _signed(parts: list[str]) -> str:
    text = " + ".join(parts)
    return text.replace("+ -", "- ")


def _term_row(role: str, term: Term) -> list[str]:
    return [
        role, str(term.sign), term.table, term.side or "", term.measure, term.selector, term.row_key or "", "",
        term.basis or "",
    ]  # fmt: skip


def _claim_term(role: str, claim_role: str) -> list[str]:
    return [role, "1", "", "", "", "claim", "", claim_role, ""]


@dataclass
class _RuleWriter:
    """Collects a template's identity rules (one row each) and their terms (one row per term)."""

    template: Template
    rules: list[list[str]] = field(default_factory=list)
    terms: list[list[str]] = field(default_factory=list)

    def add(
        self,
        rule_id: str,
        family: str,
        description: str,
        terms: list[list[str]],
        table_key: str = "",
        claim_kind: str = "",
        headline_key: str = "",
    ) -> None:
        # ids name their rule (template:family:…), so a finding's id survives rules added around it
        self.rules.append([self.template.name, rule_id, family, table_key, claim_kind, headline_key, description])
        self.terms.extend([rule_id, str(number), *term] for number, term in enumerate(terms, start=1))

    def table_rules(self, table: TableSpec) -> None:
        prefix = f"{self.template.name}:{{family}}:{table.key}"
        totals: set[str] = set()
        for total, parts, side in table.row_sums:
            terms = [["published", "1", table.key, side, total, "row", "", "", ""]]
            terms += [
                ["part", "-1" if part.startswith("-") else "1", table.key, side, part.lstrip("-"), "row", "", "", ""]
                for part in parts
            ]
            name = total + (f":{side}" if side else "")
            if name in totals:
                # a second rule of the same total (合计 = the funding sources, and = 人员经费 + 公用经费)
                name += ":" + "+".join(parts)
            totals.add(total + (f":{side}" if side else ""))
            self.add(f"{prefix.format(family='row')}:{name}", "row", f"{total} = {_signed(parts)}", terms, table.key)
        seen: set[tuple[str, str]] = set()
        for side, total, parts in table.item_sums:
            side = "" if side == "*" else side
            terms = [["published", "1", table.key, side, "", "row", total, "", ""]]
            for part in parts:
                sign = "-1" if part.startswith("-") else "1"
                selector, row_key = ("class", "") if part == "classes" else ("row", part.lstrip("-"))
                terms.append(["part", sign, table.key, side, "", selector, row_key, "", ""])
            rule_id = f"{prefix.format(family='item')}:{side or 'all'}:{total}"
            if (side, total) in seen:
                # a second identity of the same line (当年支出小计 = the classes, and = 基本 + 项目 + 预留)
                rule_id += ":" + "+".join(parts)
            seen.add((side, total))
            self.add(rule_id, "item", f"{side} {total} = {_signed(parts)}", terms, table.key)
        for left, right in table.balances:
            terms = [
                ["published", "1", table.key, "income", "amount", "row", left, "", ""],
                ["part", "1", table.key, "expenditure", "amount", "row", right, "", ""],
            ]
            self.add(f"{prefix.format(family='balance')}:{left}:{right}", "balance", f"{left} = {right}", terms, table.key)

    def repeat_rules(self) -> None:
        for repeat in self.template.repeats:
            digest = hashlib.sha1(repeat.text.encode("utf-8")).hexdigest()[:10]
            terms = [_term_row("published", repeat.published), *[_term_row("part", part) for part in repeat.parts]]
            self.add(f"{self.template.name}:repeat:{digest}", "repeat", repeat.text, terms, repeat.published.table)

    def headline_rules(self, headlines: dict[str, dict[str, str]]) -> None:
        for headline, expression in (self.template.raw.get("headlines") or {}).items():
            if headline not in headlines:
                raise TemplateError(f"{self.template.path.name}: headline {headline!r} is not in templates/_vocabulary.yml")
            terms = [
                _term_row("part", term) for term in parse_terms(expression, f"{self.template.path.name} headline {headline}")
            ]
            self.add(
                f"{self.template.name}:headline:{headline}",
                "headline",
                f"{headline} = {expression}",
                terms,
                headline_key=headline,
            )

    def claim_rules(self, claim: ClaimSpec) -> None:
        where = f"{self.template.path.name} claim {claim.kind}"
        groups = set(claim.pattern.groupindex)
        named = [
            *(claim.raw.get("equals") or {}),
            *(claim.raw.get("counts") or {}),
            *[total for total, _ in claim.raw.get("sums") or []],
            *[pct for pct, _, _ in claim.raw.get("change_on_level") or []],
            *[role for entry in claim.raw.get("difference") or [] for role in entry],
            *[pct for pct, _, _ in claim.raw.get("shares") or []],
            *[part for _, part, _ in claim.raw.get("shares") or []],
        ]
        for role in named:
            if role not in groups:
                raise TemplateError(f"{where}: names {role!r}, which the pattern does not capture")
        stem = f"{self.template.name}:{{family}}:{claim.kind}"
        for role, expression in (claim.raw.get("equals") or {}).items():
            terms = [_claim_term("published", role)] + [_term_row("part", t) for t in parse_terms(expression, where)]
            self.add(
                f"{stem.format(family='narrative')}:{role}",
                "narrative",
                f"{claim.kind} {role} = {expression}",
                terms,
                claim_kind=claim.kind,
            )
        for total, parts in claim.raw.get("sums") or []:
            terms = [_claim_term("published", total)] + [_claim_term("part", part) for part in parts]
            description = f"{claim.kind} {total} = {' + '.join(parts)}"
            self.add(f"{stem.format(family='narrative')}:{total}:sum", "narrative", description, terms, claim_kind=claim.kind)
        for pct, current, prior in claim.raw.get("change_pct") or []:
            terms = [_claim_term("published", pct), _claim_term("current", current), _claim_term("prior", prior)]
            description = f"{claim.kind} {pct} = ({current} - {prior}) / {prior}"
            self.add(f"{stem.format(family='percent')}:{pct}", "percent", description, terms, claim_kind=claim.kind)
        for change, current, prior in claim.raw.get("difference") or []:
            # the change a sentence states against the two levels it prints (X万元，比上年Y万元增加Z万元)
            terms = [_claim_term("published", change), _claim_term("current", current), _claim_term("prior", prior)]
            description = f"{claim.kind} {change} = |{current} - {prior}|"
            self.add(f"{stem.format(family='difference')}:{change}", "difference", description, terms, claim_kind=claim.kind)
        for pct, change, level in claim.raw.get("change_on_level") or []:
            terms = [_claim_term("published", pct), _claim_term("change", change), _claim_term("current", level)]
            description = f"{claim.kind} {pct} = {change} / ({level} - the stated change)"
            self.add(f"{stem.format(family='percent')}:{pct}", "percent", description, terms, claim_kind=claim.kind)
        for pct, part, whole in claim.raw.get("shares") or []:
            # the whole is a figure of the same sentence, or a table figure the template names
            if whole in groups:
                whole_terms = [_claim_term("whole", whole)]
            else:
                whole_terms = [_term_row("whole", term) for term in parse_terms(whole, where)]
                if any(term.selector not in ("row", "table") for term in parse_terms(whole, where)):
                    raise TemplateError(f"{where}: a share's whole is a claim figure or '<table> <measure> at <row>|in table'")
            terms = [_claim_term("published", pct), _claim_term("part", part), *whole_terms]
            description = f"{claim.kind} {pct} = {part} / {whole}"
            self.add(f"{stem.format(family='percent')}:{pct}", "percent", description, terms, claim_kind=claim.kind)
        for role, expression in (claim.raw.get("counts") or {}).items():
            terms = [_claim_term("published", role)] + [_term_row("part", t) for t in parse_terms(expression, where)]
            description = f"{claim.kind} {role} = the number of units printing {expression}"
            self.add(f"{stem.format(family='count')}:{role}", "count", description, terms, claim_kind=claim.kind)
        for _word, current, prior in claim.raw.get("direction") or []:
            # the level compared with: the first of several the sentence prints (全年预算, else 年初预算)
            priors = [prior] if isinstance(prior, str) else list(prior)
            terms = [_claim_term("current", current), _claim_term("prior", priors[0])]
            terms += [_claim_term("prior_fallback", role) for role in priors[1:]]
            prior = " or ".join(priors)
            description = f"{claim.kind}: the direction word against {current} - {prior}"
            self.add(f"{stem.format(family='direction')}:{current}", "direction", description, terms, claim_kind=claim.kind)


def seed_rows() -> dict[str, tuple[list[str], list[list[str]]]]:
    """Every seed of seeds/templates/, as (header, rows)."""
    words = vocabulary()
    templates_rows, tables, rules, terms, columns, row_patterns = [], [], [], [], [], []
    for template in all_templates():
        income = (template.raw.get("income") or "").split()
        templates_rows.append(
            [
                template.name,
                template.name_zh,
                template.name_en,
                template.budget_phase,
                template.reader,
                income[0] if income else "",
                income[1] if len(income) > 1 else "",
            ]
        )
        writer = _RuleWriter(template)
        for table_no, table in enumerate(template.tables, start=1):
            required = "true" if table.required else "false"
            tables.append(
                [template.name, table.key, str(table_no), table.title_text, required, table.codes or "", table.seed or ""]
            )
            for target, patterns in (
                ("measure", [entry[:2] for entry in table.raw.get("measures", [])]),
                ("side", [[p, v] for v, p in (table.raw.get("sides") or {}).items()]),
                ("fund", [[p, v] for p, v in (table.raw.get("funds") or {}).items()]),
                ("basis", [[p, v] for p, v in (table.raw.get("basis") or {}).items()]),
            ):
                for priority, (pattern, value) in enumerate(patterns, start=1):
                    columns.append([template.name, table.key, target, str(priority), pattern, value])
            priority = 0
            for side, mapping in (table.raw.get("rows") or {}).items():
                for row_key, value in mapping.items():
                    priority += 1
                    label, after = (value["label"], value.get("after", "")) if isinstance(value, dict) else (value, "")
                    row_patterns.append(
                        [template.name, table.key, "" if side == "*" else side, str(priority), label, row_key, after]
                    )
            writer.table_rules(table)
        writer.repeat_rules()
        writer.headline_rules(words["headlines"])
        for claim in template.claims:
            writer.claim_rules(claim)
        ids = [rule[1] for rule in writer.rules]
        if len(ids) != len(set(ids)):
            raise TemplateError(f"{template.path.name}: rules repeat: {sorted({i for i in ids if ids.count(i) > 1})}")
        rules += writer.rules
        terms += writer.terms

    def vocabulary_rows(section: str) -> list[list[str]]:
        return [[key, value["zh"], value["en"]] for key, value in words[section].items()]

    return {
        "template_table_kinds": (["table_key", "name_zh", "name_en"], vocabulary_rows("table_kinds")),
        "template_measures": (["measure_key", "name_zh", "name_en"], vocabulary_rows("measures")),
        "template_row_keys": (["row_key", "name_zh", "name_en"], vocabulary_rows("row_keys")),
        "template_headlines": (["headline_key", "name_zh", "name_en"], vocabulary_rows("headlines")),
        "templates": (
            ["template", "name_zh", "name_en", "budget_phase", "reader", "income_table_key", "income_side"],
            templates_rows,
        ),
        "template_tables": (
            ["template", "table_key", "table_order", "title_pattern", "is_required", "code_kind", "seed_name"],
            tables,
        ),
        "template_column_patterns": (["template", "table_key", "target", "priority", "pattern", "target_value"], columns),
        "template_row_patterns": (
            ["template", "table_key", "side", "priority", "pattern", "row_key", "after_row_key"],
            row_patterns,
        ),
        "template_rules": (
            ["template", "rule_id", "check_family", "table_key", "claim_kind", "headline_key", "description"],
            rules,
        ),
        "template_rule_terms": (
            [
                "rule_id",
                "term_no",
                "term_role",
                "term_sign",
                "table_key",
                "side",
                "measure_key",
                "selector",
                "row_key",
                "claim_role",
                "basis",
            ],  # fmt: skip
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


@cache
def funding_sources() -> dict[str, str]:
    """Each row key (or measure) of an income line to the code of its node in the funding-source tree
    (seeds/reference/funding_sources.csv: CUR.FIN.GPB is under CUR.FIN, everything under TOTAL)."""
    path = TEMPLATES.parent / "seeds" / "reference" / "funding_sources.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        return {key: row["funding_source_code"] for row in csv.DictReader(handle) for key in row["source_keys"].split()}
