"""Claims of the narrative: sentences that state figures the tables also print.

The narrative is the text outside every table, read by position on the page
(``pdf_layout.group_lines``), so a number the file stores apart from its
sentence is put back where it is printed.  Lines are joined without spaces
(Chinese wraps anywhere, even inside a number), page numbers dropped, and
the template's claim patterns are matched over the whole text.  Each match
is a claim: its kind, its subject (a 功能分类 path such as
``一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行``, resolved to a code
with the names the document's own tables print), a direction word where
it says one, and its figures (the pattern's named groups), each a published
figure with its page.  What each claim must equal is the template's
``claims`` description; the models check it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from budget_warehouse.pdf.layout import PageLayout
from budget_warehouse.pdf.tables import PrintedTable, label_key, normalize
from budget_warehouse.templates import Template

NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_DIRECTIONS = (
    *("增加", "减少", "持平", "增长", "下降", "大于", "小于", "等于"),
    *("上升", "降低", "相同", "一致", "增幅", "减幅", "降幅"),
)


@dataclass
class TextStream:
    """The narrative as one string (normalized for matching) and where each character was printed."""

    raw: str
    text: str
    pages: list[int]


def _char_normal(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def narrative_text(layouts: list[PageLayout]) -> TextStream:
    raw: list[str] = []
    pages: list[int] = []
    for page in layouts:
        lines = page.lines
        for index, line in enumerate(lines):
            text = re.sub(r"\s+", "", line.text)
            # a page number alone at the foot of the page is not part of the text
            if index >= len(lines) - 2 and re.fullmatch(r"[-—]?\d{1,3}[-—]?|第\d+页(共\d+页)?", text):
                continue
            raw.append(text)
            pages.extend([page.page] * len(text))
        raw.append("\n")
        pages.append(page.page)
    joined = "".join(raw)
    # a paragraph break is only where a page ends; within a page the lines run on
    return TextStream(joined, "".join(_char_normal(char) for char in joined), pages)


def compile_claim(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("{N}", NUMBER).replace("{Y}", r"20\d\d"))


@dataclass
class SubjectNames:
    """Codes by the names the document prints: 类 names, 款 names under a 类, 项 names under a 款."""

    by_code: dict[str, str]

    def _known(self, key: str) -> str:
        """A 类 named without its 支出 (公共安全（类）for 公共安全支出) by the name the tables print."""
        names = set(self.by_code.values())
        if key in names or key + "支出" not in names:
            return key
        return key + "支出"

    @classmethod
    def from_figures(cls, figures: list[dict]) -> SubjectNames:
        names: dict[str, str] = {}
        for figure in figures:
            code = figure.get("subject_code")
            if code and figure.get("subject_kind") == "function" and figure.get("code_as_printed"):
                label = figure["row_label_as_printed"].split(" / ")[-1]
                names.setdefault(code, label_key(label))
        return cls(names)

    def resolve(self, parts: list[str], codes: list[str], levels: list[str] | None = None) -> tuple[str | None, str]:
        """The code of a 类-款-项 path (or a 款-项 path, its 类 left out), and a note where the names do not all
        match the tables."""
        keys = [self._known(label_key(part)) for part in parts]
        width = {"类": 3, "款": 5, "项": 7}
        lengths = [width[level] for level in levels] if levels else [3 + 2 * i for i in range(len(parts))]
        if codes and all(codes) and len(codes) == len(parts):
            code = codes[0] + "".join(c.zfill(2) for c in codes[1:])
            printed = self.by_code.get(code)
            if printed is None:
                return code, f"code {code} is not printed in the tables"
            return code, "" if printed == keys[-1] else f"the tables name {code} {printed!r}"
        candidates = [code for code, name in self.by_code.items() if len(code) == lengths[-1] and name == keys[-1]]
        exact = [
            code
            for code in candidates
            if all(self.by_code.get(code[:length]) == key for key, length in zip(keys, lengths, strict=True))
        ]
        if len(exact) == 1:
            return exact[0], ""
        # a 类 or 款 renamed between the narrative and the tables (医疗卫生与计划生育支出 → 卫生健康支出)
        partial = [
            code for code in candidates if len(keys) < 2 or self.by_code.get(code[: lengths[-2]]) == keys[-2]
        ] or candidates
        if len(partial) == 1:
            return partial[0], "the narrative names a parent of this subject differently from the tables"
        return None, f"no single subject of the tables is named {'-'.join(parts)!r}"


def _subject(text: str) -> tuple[list[str], list[str], list[str]]:
    """A subject path as its names, the codes printed inside it (204类 → '204') and the level of each name."""
    text = re.sub(r"\s+", "", text).strip('“”"')  # a subject may run over a page break
    marked = re.findall(r"(.+?)[（(](\d*)(类|款|项)[）)]", text)
    if marked:
        return [name.strip("-—") for name, _, _ in marked], [code for _, code, _ in marked], [m[2] for m in marked]
    return [part for part in re.split(r"[-—－]+", text) if part], [], []


def read_claims(
    layouts: list[PageLayout], template: Template, document: dict, tables: list[PrintedTable], figures: list[dict] | None = None
) -> tuple[list[dict], list[dict]]:
    """The claims of the narrative and their figures (rows of figures.csv with source_kind 'narrative')."""
    if not template.claims:
        return [], []
    stream = narrative_text(layouts)
    subjects = SubjectNames.from_figures(figures or [])
    claims: list[dict] = []
    claim_figures: list[dict] = []
    # a sentence runs on over a page break: the patterns match the text with the breaks left out, and each
    # match is put back where it is printed (a claim's id is where it starts in the text with the breaks)
    kept = [index for index, char in enumerate(stream.text) if char != "\n"]
    flat = "".join(stream.text[index] for index in kept)

    def span(match: re.Match[str], group: str | int = 0) -> tuple[int, int]:
        return kept[match.start(group)], kept[match.end(group) - 1] + 1

    for spec in template.claims:
        pattern = spec.pattern
        units = spec.raw.get("units", {})
        for match in pattern.finditer(flat):
            start, end = span(match)
            page = stream.pages[min(start, len(stream.pages) - 1)]
            claim_id = f"n{start:06d}"  # where it starts in the narrative: stable when claim kinds are added
            sentence_start = max(stream.text.rfind("。", 0, start), stream.text.rfind("\n", 0, start)) + 1
            sentence_end = min(i for i in (stream.text.find("。", end), len(stream.text)) if i >= 0)
            groups = match.groupdict()
            subject_text = groups.get("subject")
            subject_code, note = None, ""
            if subject_text:
                parts, codes, levels = _subject(subject_text)
                subject_code, note = subjects.resolve(parts, codes, levels or None)
            words = [groups[name] for name in groups if name.startswith("direction") and groups[name]]
            direction = words[0] if words else None
            claims.append(
                {
                    "claim_id": claim_id,
                    "page_no": page,
                    "claim_kind": spec.kind,
                    "subject_as_printed": _printed(stream, span(match, "subject")) if subject_text else None,
                    "subject_code": subject_code,
                    "direction_as_printed": direction,
                    "sentence_as_printed": stream.raw[sentence_start : sentence_end + 1].replace("\n", "")[:500],
                    "note": note or None,
                    # every direction word, where a sentence says two (增加 … 增长): they must agree
                    "directions_as_printed": "/".join(words) or None,
                }
            )
            for name, value in groups.items():
                if value is None or name == "subject" or name.startswith("direction") or name.startswith("_"):
                    continue
                plain = value.replace(",", "")
                if not re.fullmatch(r"\d+(\.\d+)?", plain):
                    continue
                value_page = stream.pages[min(span(match, name)[0], len(stream.pages) - 1)]
                unit = units.get(name, "%" if name.endswith("pct") else spec.unit or "万元")
                claim_figures.append(
                    {
                        "figure_id": f"p{value_page:03d}.{claim_id}.{name}",
                        "source_kind": "narrative",
                        "page_no": value_page,
                        "table_key": None,
                        "table_order": None,
                        "table_no_as_printed": None,
                        "table_title_as_printed": None,
                        "printed_unit": unit,
                        "row_no": None,
                        "column_no": None,
                        "side": None,
                        "row_label_as_printed": subject_text,
                        "code_as_printed": None,
                        "subject_kind": "function" if subject_code else None,
                        "subject_code": subject_code,
                        "code_note": note or None,
                        "row_key": None,
                        "column_header_as_printed": None,
                        "measure_key": name,
                        "basis": template.budget_phase,
                        "figure_text_as_printed": _printed(stream, span(match, name)),
                        "amount_as_printed": plain,
                        "printed_decimals": len(plain.split(".")[1]) if "." in plain else 0,
                        "claim_id": claim_id,
                        "direction_as_printed": direction,
                    }
                )
    return claims, claim_figures


def _printed(stream: TextStream, span: tuple[int, int]) -> str:
    """What the page prints between two positions of the text, a page break left out."""
    return stream.raw[span[0] : span[1]].replace("\n", "")


def directions() -> tuple[str, ...]:
    return _DIRECTIONS


def label(text: str) -> str:
    return normalize(text)
