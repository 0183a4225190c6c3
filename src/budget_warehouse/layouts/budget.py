"""One department's budget with known figures: random but seeded, exact Decimal arithmetic, in yuan.

``make_budget(seed, quantum, ...)`` takes a seed, the smallest amount the layout prints exactly (every amount
is a multiple of it, so a printed figure is exactly the generated one) and whether the department also spends
国有资本经营预算; it gives a ``Budget``: the 项 it spends on (real national function codes and names, as real
documents print them), each 项's money by fund and purpose, the economic breakdown of the general budget's
basic expenditure, the “三公” figures and last year's levels for the narrative. Every parent and total is
computed from the leaves, so parents are exact sums of their children and the set of tables balances.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

# 类 / 款 / 项 as the national 政府收支分类科目 names them (and the corpus's tables print them)
CLASS_NAMES = {
    "201": "一般公共服务支出",
    "205": "教育支出",
    "208": "社会保障和就业支出",
    "210": "卫生健康支出",
    "212": "城乡社区支出",
    "221": "住房保障支出",
    "223": "国有资本经营预算支出",
}
SECTION_NAMES = {
    "20103": "政府办公厅（室）及相关机构事务",
    "20106": "财政事务",
    "20108": "审计事务",
    "20503": "职业教育",
    "20805": "行政事业单位养老支出",
    "21011": "行政事业单位医疗",
    "21208": "国有土地使用权出让收入安排的支出",
    "22102": "住房改革支出",
    "22301": "解决历史遗留问题及改革成本支出",
}
ITEM_NAMES = {
    "2010301": "行政运行",
    "2010302": "一般行政管理事务",
    "2010350": "事业运行",
    "2010601": "行政运行",
    "2010602": "一般行政管理事务",
    "2010801": "行政运行",
    "2010899": "其他审计事务支出",
    "2050399": "其他职业教育支出",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "2101101": "行政单位医疗",
    "2101103": "公务员医疗补助",
    "2120899": "其他国有土地使用权出让收入安排的支出",
    "2210201": "住房公积金",
    "2210202": "提租补贴",
    "2210203": "购房补贴",
    "2230199": "其他解决历史遗留问题及改革成本支出",
}
ECONOMIC_NAMES = {
    "301": "工资福利支出",
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费",
    "30113": "住房公积金",
    "30199": "其他工资福利支出",
    "302": "商品和服务支出",
    "30201": "办公费",
    "30202": "印刷费",
    "30205": "水费",
    "30206": "电费",
    "30207": "邮电费",
    "30211": "差旅费",
    "30215": "会议费",
    "30216": "培训费",
    "30228": "工会经费",
    "30231": "公务用车运行维护费",
    "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助",
    "30302": "退休费",
    "30305": "生活补助",
    "30309": "奖励金",
}
# 政府经济分类 (the third block some 收支总表 print): 501 机关工资福利支出 …
GOVERNMENT_ECONOMIC = {
    "301": ("501", "机关工资福利支出"),
    "302": ("502", "机关商品和服务支出"),
    "303": ("509", "对个人和家庭的补助"),
}

# the funds, in the order the national tables print them; prior_carryover is last year's general budget money
FUNDS = (
    "general_public",
    "government_fund",
    "state_capital",
    "fiscal_special_account",
    "business_income",
    "other_income",
    "prior_carryover",
)
FISCAL_FUNDS = ("general_public", "government_fund", "state_capital")
PURPOSES = ("personnel", "public", "project")


@dataclass
class Item:
    """A 项 the department spends on: its code, name, and amounts by (fund, purpose) in yuan."""

    code: str
    name: str
    money: dict[tuple[str, str], Decimal] = field(default_factory=dict)

    def amount(self, funds: tuple[str, ...] = FUNDS, purposes: tuple[str, ...] = PURPOSES) -> Decimal:
        return sum((v for (f, p), v in self.money.items() if f in funds and p in purposes), Decimal(0))


@dataclass
class Budget:
    """A department's budget for 2026: its 项, the economic lines of its general budget's basic expenditure
    (code → (personnel, public)), the “三公” and meeting/training figures and last year's levels (yuan)."""

    department: str
    city: str
    items: list[Item]
    economic: dict[str, tuple[Decimal, Decimal]]
    three_public: dict[str, Decimal]
    prior: dict[str, Decimal]
    quantum: Decimal
    three_public_prior: dict[str, Decimal] = field(default_factory=dict)
    year: int = 2026

    def total(self, funds: tuple[str, ...] = FUNDS, purposes: tuple[str, ...] = PURPOSES, prefix: str = "") -> Decimal:
        """The amount of the 项 under a code prefix (all of them by default), of these funds and purposes."""
        return sum((item.amount(funds, purposes) for item in self.items if item.code.startswith(prefix)), Decimal(0))

    def codes(self, funds: tuple[str, ...] = FUNDS) -> list[str]:
        """The 类, 款 and 项 codes with money of these funds, in the tables' order (each parent before its children)."""
        leaves = [item.code for item in self.items if item.amount(funds) != 0]
        return sorted({code[:n] for code in leaves for n in (3, 5, 7)})

    def name(self, code: str) -> str:
        return {3: CLASS_NAMES, 5: SECTION_NAMES, 7: ITEM_NAMES}[len(code)][code]

    def economic_total(self, code: str) -> tuple[Decimal, Decimal]:
        """(personnel, public) of an economic 类 (sum of its 款) or 款."""
        if len(code) == 5:
            return self.economic[code]
        parts = [value for key, value in self.economic.items() if key.startswith(code)]
        return sum((p for p, _ in parts), Decimal(0)), sum((q for _, q in parts), Decimal(0))


CITIES = ["东川市", "西岭市", "南浦市", "北塘市", "青原市", "云溪市", "临江市", "安平市", "长宁市", "永和市"]
DEPARTMENTS = [
    "财政局",
    "审计局",
    "统计局",
    "司法局",
    "民政局",
    "商务局",
    "水务局",
    "档案局",
    "信访局",
    "科学技术局",
    "生态环境局",
    "农业农村局",
]


def department_name(index: int) -> tuple[str, str]:
    """A department of its own for document ``index`` (city, department's full name): no two share one."""
    city = CITIES[index % len(CITIES)]
    return city, city + DEPARTMENTS[(index // len(CITIES)) % len(DEPARTMENTS)]


def _amount(draw: random.Random, quantum: Decimal, low: int, high: int) -> Decimal:
    """A random amount between low and high yuan, a multiple of quantum (at least one quantum)."""
    steps_low = max(1, int(Decimal(low) / quantum))
    steps_high = max(steps_low + 1, int(Decimal(high) / quantum))
    return quantum * draw.randint(steps_low, steps_high)


def _split(draw: random.Random, total: Decimal, parts: int, quantum: Decimal) -> list[Decimal]:
    """``total`` cut into ``parts`` multiples of quantum (each at least one quantum where the total allows)."""
    steps = int(total / quantum)
    if parts <= 1 or steps < parts:
        return [total] + [Decimal(0)] * (parts - 1)
    cuts = sorted(draw.sample(range(1, steps), parts - 1))
    bounds = [0, *cuts, steps]
    return [quantum * (bounds[i + 1] - bounds[i]) for i in range(parts)]


def make_budget(seed: int, quantum: Decimal, index: int = 0, with_state_capital: bool = False) -> Budget:
    """The budget of document ``index``, drawn with ``seed``; every amount a multiple of ``quantum`` yuan."""
    draw = random.Random(seed)
    city, department = department_name(index)
    admin = draw.choice(["20103", "20106", "20108"])
    run, manage = {"20103": ("2010301", "2010302"), "20106": ("2010601", "2010602"), "20108": ("2010801", "2010899")}[admin]
    items: list[Item] = []

    def add(code: str, **money: tuple[int, int]) -> Item:
        item = Item(code, ITEM_NAMES[code])
        for key, (low, high) in money.items():
            fund, purpose = key.rsplit("__", 1)
            item.money[(fund, purpose)] = _amount(draw, quantum, low, high)
        items.append(item)
        return item

    add(
        run,
        general_public__personnel=(8_000_000, 30_000_000),
        general_public__public=(1_000_000, 6_000_000),
    )
    add(
        manage,
        general_public__project=(1_000_000, 9_000_000),
        fiscal_special_account__project=(200_000, 900_000),
        prior_carryover__project=(100_000, 600_000),
    )
    if admin == "20103":
        add("2010350", general_public__personnel=(500_000, 3_000_000), business_income__personnel=(100_000, 500_000))
    add("2050399", general_public__project=(200_000, 2_000_000), other_income__project=(50_000, 300_000))
    add("2080505", general_public__personnel=(1_000_000, 3_000_000))
    add("2080506", general_public__personnel=(400_000, 1_500_000))
    add("2101101", general_public__personnel=(300_000, 1_200_000))
    add("2101103", general_public__personnel=(100_000, 500_000))
    add("2120899", government_fund__project=(500_000, 5_000_000))
    add("2210201", general_public__personnel=(800_000, 3_000_000))
    add("2210202", general_public__personnel=(100_000, 900_000))
    add("2210203", general_public__personnel=(100_000, 900_000))
    if with_state_capital:
        add("2230199", state_capital__project=(300_000, 2_000_000))
    items.sort(key=lambda item: item.code)

    # the general budget's basic expenditure by economic class: personnel into 301 and 303, public into 302
    personnel = sum((i.money.get(("general_public", "personnel"), Decimal(0)) for i in items), Decimal(0))
    public = sum((i.money.get(("general_public", "public"), Decimal(0)) for i in items), Decimal(0))
    wages = [code for code in ECONOMIC_NAMES if code.startswith("301") and len(code) == 5]
    goods = [code for code in ECONOMIC_NAMES if code.startswith("302") and len(code) == 5]
    transfers = [code for code in ECONOMIC_NAMES if code.startswith("303") and len(code) == 5]
    to_transfers = _split(draw, personnel, 10, quantum)[0]  # about a tenth of the personnel money
    economic: dict[str, tuple[Decimal, Decimal]] = {}
    for code, value in zip(wages, _split(draw, personnel - to_transfers, len(wages), quantum), strict=True):
        economic[code] = (value, Decimal(0))
    for code, value in zip(transfers, _split(draw, to_transfers, len(transfers), quantum), strict=True):
        economic[code] = (value, Decimal(0))
    for code, value in zip(goods, _split(draw, public, len(goods), quantum), strict=True):
        economic[code] = (Decimal(0), value)

    purchase = _amount(draw, quantum, 0, 300_000) if draw.random() < 0.5 else Decimal(0)
    three_public = {
        "overseas_travel": _amount(draw, quantum, 20_000, 200_000),
        "vehicle_purchase": purchase,
        "vehicle_operation": _amount(draw, quantum, 50_000, 400_000),
        "official_reception": _amount(draw, quantum, 10_000, 100_000),
        "meeting_expenses": _amount(draw, quantum, 10_000, 200_000),
        "training_expenses": _amount(draw, quantum, 10_000, 300_000),
    }
    three_public["vehicle_total"] = three_public["vehicle_purchase"] + three_public["vehicle_operation"]
    three_public["three_public_total"] = (
        three_public["overseas_travel"] + three_public["vehicle_total"] + three_public["official_reception"]
    )
    budget = Budget(department, city, items, dict(sorted(economic.items())), three_public, {}, quantum)
    # last year's levels, in 万元 to two decimals as the narrative prints them: each within 15 % of this year's,
    # one of them lower (a fall) and the others higher
    for key, amount in _narrated(budget).items():
        wan = (amount / 10000).quantize(Decimal("0.01"))
        change = (wan * Decimal(draw.randint(100, 1500)) / 10000).quantize(Decimal("0.01"))
        budget.prior[key] = wan + change if key == "general_public" else wan - change
    # last year's “三公” (the block some tables print beside this year's): each part a little different
    prior = {key: three_public[key] + quantum * draw.randint(1, 5) for key in _THREE_PUBLIC_PARTS}
    prior["vehicle_total"] = prior["vehicle_purchase"] + prior["vehicle_operation"]
    prior["three_public_total"] = prior["overseas_travel"] + prior["vehicle_total"] + prior["official_reception"]
    budget.three_public_prior = prior
    return budget


_THREE_PUBLIC_PARTS = (
    "overseas_travel",
    "vehicle_purchase",
    "vehicle_operation",
    "official_reception",
    "meeting_expenses",
    "training_expenses",
)


def _narrated(budget: Budget) -> dict[str, Decimal]:
    """The levels the narrative states with their change on last year (yuan)."""
    return {
        "income_total": budget.total(),
        "expenditure_total": budget.total(),
        "general_public": budget.total(("general_public",)),
        "three_public_total": budget.three_public["three_public_total"],
    }


def narrated(budget: Budget) -> dict[str, Decimal]:
    """The narrative's levels this year (yuan): 收入总计, 支出总计, 一般公共预算支出, “三公”经费."""
    return _narrated(budget)
