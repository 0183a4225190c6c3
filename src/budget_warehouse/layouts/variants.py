"""The printed variants of the national table set, as data, and the grid of documents the bench prints.

A ``Layout`` is every choice a publisher makes in printing the set (rulings, unit and decimals, how codes are
printed, which columns and in what order, titles, continuation pages …); its defaults are the plainest layout
(the 苏州 style: ruled, 万元 with two decimals, codes joined in a column of their own). A ``Variant`` is one entry
that changes some of those choices, named after what a real document prints, with the misreading class of
issue 21 it exercises (1–9) or 0 for the other variants of its point 2. Variants combine: ``combine`` applies
several to the plain layout, later ones winning where two set the same field.

``grid()`` gives the documents to print: the plain layout, each variant alone, the named combinations and a
seeded sample of pairs; ``sample()`` a small part of it for ``make test``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal


@dataclass(frozen=True)
class Layout:
    """How one document prints its tables. Each field's comment lists its values; the first is the default."""

    rules: str = "grid"  # grid | horizontal (rows' rulings only) | none (no rulings at all)
    unit: str = "万元"  # 万元 | 元
    decimals: int = 2  # 0–6 decimals printed on every amount
    thousands: bool = False  # 1,234.56
    split_runs: bool = False  # the integer part and the decimals drawn as two text runs (25180591 .33)
    nil: str = "blank"  # how nothing is printed: blank | dash (-) | zero (0.00)
    unit_line: str = "table"  # table (under each title) | page (at the head of every page a table prints on)
    landscape: bool = False
    code_style: str = "joined"  # joined (2050399) | split (205 | 03 | 99) | in_name (201 一般…) | bracketed | indent
    total_first: bool = True  # 合计 before its parts, or after them
    reorder: bool = False  # the parts' columns in another order (项目支出 before 基本支出, funds reordered)
    numbering_row: bool = False  # a 栏次 row (栏次 1 2 3 …) under the header
    basic_parts: str = "subtotal"  # subtotal (基本支出 小计 | 人员经费 | 公用经费) | parts (no 小计) | none
    three_public: str = "plain"  # plain | meeting_training (合计 covers 会议费, 培训费) | subtotal (total headed 小计)
    #                               | two_years (last year's block beside this year's)
    summary_blocks: str = "plain"  # plain | classifications (功能 / 部门经济 / 政府经济 side by side) | parts (合计 |
    #                                 基本支出 | 项目支出 beside each class in 收支总表)
    fund_columns: bool = False  # 财政拨款收支总表's 支出 as 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算
    carryover: bool = False  # 年初结转和结余 / 年末结转和结余 rows, a fund's sub-row under 年初结转
    continuation: str = "none"  # none | repeat_header | no_header: the long tables continued on the next page
    zero_tables: bool = False  # the empty tables printed as a 合计 row of 0.00 only
    titles: str = "plain"  # plain | ascii_quotes | detailed | fund_income_expenditure
    table_numbers: str = "none"  # none | biao (表1) | yusuan (预算01表) | gongkai (公开01表 on a line of its own)
    title_before_grid: bool = False  # the title at the foot of the page before its grid
    cover: str = "year_first"  # year_first | name_first | year_du | spaced (2026年 / 东川市财政局 部门预算) | comprehensive
    with_state_capital: bool = False  # a department that spends 国有资本经营预算 too
    font: str = "embedded"  # embedded (a TrueType subset, where one is installed) | cid (STSong-Light, not embedded)

    @property
    def unit_factor(self) -> Decimal:
        """Yuan per printed unit."""
        return Decimal(10000) if self.unit == "万元" else Decimal(1)

    @property
    def quantum(self) -> Decimal:
        """The smallest amount in yuan the layout prints exactly: every generated amount is a multiple of it."""
        return self.unit_factor / Decimal(10) ** self.decimals


@dataclass(frozen=True)
class Variant:
    """One printed variant: its name, what it prints, the misreading class of issue 21 (0 for none) and the
    fields of ``Layout`` it sets."""

    name: str
    description: str
    issue_class: int
    changes: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        known = {f.name for f in fields(Layout)}
        unknown = set(self.changes) - known
        if unknown:
            raise ValueError(f"variant {self.name}: no layout field {sorted(unknown)}")


VARIANTS: list[Variant] = [
    Variant("unruled", "no rulings at all: the grid is whitespace", 0, {"rules": "none"}),
    Variant("horizontal_rules", "rows' rulings only, no vertical rule", 0, {"rules": "horizontal"}),
    Variant("yuan", "amounts in 元 with two decimals", 0, {"unit": "元"}),
    Variant("yuan_0dp", "amounts in 元, whole yuan", 0, {"unit": "元", "decimals": 0}),
    Variant("wan_0dp", "amounts in 万元, no decimals", 0, {"unit": "万元", "decimals": 0}),
    Variant("wan_4dp", "amounts in 万元 with four decimals", 0, {"unit": "万元", "decimals": 4}),
    Variant("wan_6dp", "amounts in 万元 with six decimals", 0, {"unit": "万元", "decimals": 6}),
    Variant("thousands", "thousands separated by commas (1,234.56)", 0, {"thousands": True}),
    Variant(
        "split_runs",
        "each amount drawn as two text runs, integer and decimals (25180591 .33)",
        0,
        {"split_runs": True},
    ),
    Variant("nil_dash", "nothing printed as -", 0, {"nil": "dash"}),
    Variant("nil_zero", "nothing printed as 0.00", 0, {"nil": "zero"}),
    Variant("unit_per_page", "the unit line at the head of every page, not under each title", 0, {"unit_line": "page"}),
    Variant("landscape", "landscape pages", 0, {"landscape": True}),
    Variant("codes_split", "codes in three columns 类 | 款 | 项 (205 | 03 | 99)", 2, {"code_style": "split"}),
    Variant("code_in_name", "code and name in one cell (201 一般公共服务支出)", 0, {"code_style": "in_name"}),
    Variant("code_bracketed", "code in brackets before the name ([201]一般公共服务支出)", 0, {"code_style": "bracketed"}),
    Variant("names_indented", "names only, the level shown by indentation", 0, {"code_style": "indent"}),
    Variant("total_last", "合计 after its parts", 3, {"total_first": False}),
    Variant("columns_reordered", "parts' columns in another order (项目支出 first, funds reordered)", 0, {"reorder": True}),
    Variant("numbering_row", "a 栏次 row (栏次 1 2 3 …) under the header", 1, {"numbering_row": True}),
    Variant("basic_without_subtotal", "基本支出 printed as 人员经费 | 公用经费 with no 小计", 5, {"basic_parts": "parts"}),
    Variant(
        "classifications_side_by_side",
        "收支总表's 支出 in 功能 / 部门经济 / 政府经济 blocks",
        3,
        {"summary_blocks": "classifications"},
    ),
    Variant("summary_parts_beside", "收支总表 prints 合计 | 基本支出 | 项目支出 for each class", 3, {"summary_blocks": "parts"}),
    Variant(
        "fiscal_grant_fund_columns",
        "财政拨款收支总表's 支出 in 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算 columns",
        3,
        {"fund_columns": True},
    ),
    Variant(
        "three_public_meeting_training",
        "“三公” table whose 合计 covers 会议费 and 培训费",
        6,
        {"three_public": "meeting_training"},
    ),
    Variant("three_public_subtotal", "“三公” table whose total column is headed 小计", 6, {"three_public": "subtotal"}),
    Variant(
        "three_public_two_years",
        "“三公” table with last year's block beside this year's",
        6,
        {"three_public": "two_years"},
    ),
    Variant("carryover_rows", "年初/年末结转和结余 rows, 一般公共预算财政拨款 under 年初结转", 7, {"carryover": True}),
    Variant(
        "continued_with_header", "long tables continued on the next page, header repeated", 8, {"continuation": "repeat_header"}
    ),
    Variant(
        "continued_without_header",
        "long tables continued on the next page, no header",
        8,
        {"continuation": "no_header"},
    ),
    Variant("zero_tables", "empty tables printed as a 合计 row of 0.00", 9, {"zero_tables": True}),
    Variant("title_ascii_quotes", 'titles with ASCII quotes ("三公")', 4, {"titles": "ascii_quotes"}),
    Variant("title_detailed", "一般公共预算支出明细表（按支出功能分类科目）", 4, {"titles": "detailed"}),
    Variant("title_fund_income_expenditure", "政府性基金收支表", 4, {"titles": "fund_income_expenditure"}),
    Variant("numbers_biao", "titles numbered 表1 …", 0, {"table_numbers": "biao"}),
    Variant("numbers_yusuan", "titles numbered 预算01表 …", 0, {"table_numbers": "yusuan"}),
    Variant("numbers_gongkai", "公开01表 on a line of its own above the title", 0, {"table_numbers": "gongkai"}),
    Variant("title_before_grid", "the title at the foot of the page before its grid", 0, {"title_before_grid": True}),
    Variant("cover_name_first", "cover: 东川市财政局2026年部门预算", 0, {"cover": "name_first"}),
    Variant("cover_spaced", "cover: 2026年 / 东川市财政局 部门预算 over two lines, with spaces", 0, {"cover": "spaced"}),
    Variant("cover_year_du", "cover: 2026年度东川市财政局部门预算", 0, {"cover": "year_du"}),
    Variant("cover_comprehensive", "cover: 2026年东川市财政局部门综合预算", 0, {"cover": "comprehensive"}),
    Variant("font_not_embedded", "the CJK font named, not embedded (STSong-Light)", 0, {"font": "cid"}),
    Variant("state_capital", "a department that also spends 国有资本经营预算", 0, {"with_state_capital": True}),
]

BY_NAME = {variant.name: variant for variant in VARIANTS}

# combinations real documents print together (a city's whole style), each named for what it combines
COMBINATIONS: list[tuple[str, ...]] = [
    ("yuan", "thousands", "codes_split", "numbers_gongkai"),
    ("unruled", "yuan", "thousands", "code_in_name"),
    ("horizontal_rules", "numbering_row", "total_last", "nil_dash"),
    ("landscape", "codes_split", "numbering_row", "basic_without_subtotal"),
    ("continued_without_header", "unruled", "names_indented"),
    ("continued_with_header", "codes_split", "unit_per_page"),
    ("carryover_rows", "classifications_side_by_side", "nil_zero"),
    ("three_public_meeting_training", "title_ascii_quotes", "numbers_yusuan"),
    ("split_runs", "thousands", "wan_6dp"),
    ("zero_tables", "title_before_grid", "columns_reordered"),
]


def combine(*names: str) -> Layout:
    """The plain layout with the named variants applied in order."""
    layout = Layout()
    for name in names:
        layout = replace(layout, **BY_NAME[name].changes)
    return layout


@dataclass(frozen=True)
class Document:
    """One document of the grid: its variants, its layout and the seed of its budget."""

    name: str
    variants: tuple[str, ...]
    layout: Layout
    seed: int


def grid(pairs: int = 24, seed: int = 21) -> list[Document]:
    """Every document the bench prints: the plain layout, each variant alone, the named combinations and
    ``pairs`` pairs of variants drawn with ``seed`` (each its own budget)."""
    chosen: list[tuple[str, ...]] = [(), *((v.name,) for v in VARIANTS), *COMBINATIONS]
    draw = random.Random(seed)
    names = [v.name for v in VARIANTS]
    while pairs > 0:
        pair = tuple(sorted(draw.sample(names, 2)))
        if pair not in chosen and not _clash(pair):
            chosen.append(pair)
            pairs -= 1
    return [
        Document("+".join(names_) or "plain", names_, combine(*names_), seed=1000 + index) for index, names_ in enumerate(chosen)
    ]


def _clash(names: tuple[str, ...]) -> bool:
    """Two variants that set the same field to different values are not a combination."""
    seen: dict[str, object] = {}
    for name in names:
        for key, value in BY_NAME[name].changes.items():
            if key in seen and seen[key] != value:
                return True
            seen[key] = value
    return False


# the sample make test reads: the plain layout, one variant of each misreading class and a few others
SAMPLE = [
    "plain",
    "unruled",
    "yuan",
    "codes_split",
    "numbering_row",
    "basic_without_subtotal",
    "three_public_meeting_training",
    "carryover_rows",
    "continued_without_header",
    "zero_tables",
    "title_ascii_quotes",
    "yuan+thousands+codes_split+numbers_gongkai",
]


def sample() -> list[Document]:
    """The part of the grid ``make test`` reads."""
    by_name = {document.name: document for document in grid()}
    return [by_name[name] for name in SAMPLE]
