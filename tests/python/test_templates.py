"""Template descriptions: in step with the seeds the models read, and refused with a clear message when malformed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from budget_warehouse import templates


def test_template_seeds_are_in_step_with_the_descriptions() -> None:
    assert templates.main(["--check"]) == 0, "run make templates: seeds/templates/ differ from templates/*.yml"


def test_every_rule_id_is_unique_and_names_its_template() -> None:
    _, rules = templates.seed_rows()["template_rules"]
    ids = [rule[1] for rule in rules]
    assert len(ids) == len(set(ids))
    assert all(rule_id.startswith(rule[0] + ":") for rule_id, rule in zip(ids, rules, strict=True))


def test_every_rule_term_names_a_table_and_measure_of_the_vocabulary() -> None:
    words = templates.vocabulary()
    _, terms = templates.seed_rows()["template_rule_terms"]
    for _, _, _, _, table_key, _, measure_key, selector, _, _, _ in terms:
        if selector != "claim":
            assert table_key in words["table_kinds"], table_key
            assert measure_key in words["measures"] or measure_key == "", measure_key  # item sums take every measure


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(templates.TEMPLATES, folder)
    monkeypatch.setattr(templates, "TEMPLATES", folder)
    templates.all_templates.cache_clear()
    templates.vocabulary.cache_clear()
    yield folder
    templates.all_templates.cache_clear()
    templates.vocabulary.cache_clear()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("- ['支出预算/合计$', total]", "- ['支出预算/合计$', totl]", "measure 'totl' is not in templates/_vocabulary.yml"),
        (
            "title: '(部门|预算单位|单位)支出预算总表'",
            "title: '(部门|预算单位|单位支出预算总表'",
            "is not a valid regular expression",
        ),
        (
            "[income_summary total by code, expenditure_summary total by code]",
            "[income_summary total by code, expenditur_summary total by code]",
            "table 'expenditur_summary' is not a table of the template",
        ),
        (
            "equals: {amount: three_public overseas_travel in table}",
            "equals: {amonut: three_public overseas_travel in table}",
            "amonut",
        ),
    ],
)
def test_a_malformed_description_is_refused_naming_file_and_entry(scratch: Path, old: str, new: str, message: str) -> None:
    path = scratch / "shanghai_district_budget.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(templates.TemplateError) as error:
        templates.seed_rows()
    assert "shanghai_district_budget.yml" in str(error.value)
    assert message in str(error.value)


def test_a_term_may_name_the_basis_of_a_table_that_prints_two() -> None:
    (term,) = templates.parse_terms("three_public three_public_total 预算 in table", "here")
    assert (term.table, term.measure, term.basis, term.selector) == ("three_public", "three_public_total", "预算", "table")
    (term,) = templates.parse_terms("three_public overseas_travel in table", "here")
    assert term.basis is None


def test_a_negative_part_of_a_row_sum_is_written_with_its_sign() -> None:
    # 政府性基金 决算表: 年末结转和结余 = 年初结转和结余 + 本年收入 - 本年支出
    _, terms = templates.seed_rows()["template_rule_terms"]
    rule = "national_department_final_accounts:row:government_fund_by_function:carryover_end"
    signs = {(measure, sign) for rule_id, _, role, sign, _, _, measure, *_ in terms if rule_id == rule and role == "part"}
    assert signs == {("carryover_begin", "1"), ("income", "1"), ("expenditure", "-1")}


def test_a_row_pattern_may_count_only_below_another_row() -> None:
    _, rows = templates.seed_rows()["template_row_patterns"]
    after = {
        row[5]: row[6] for row in rows if row[0] == "national_department_final_accounts" and row[1] == "fiscal_grant_summary"
    }
    assert after["carryover_general_public"] == "carryover_begin"
    assert after["general_public"] == ""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "carryover_general_public: {label: '一般公共预算财政拨款', after: carryover_begin}",
            "carryover_general_public: {label: '一般公共预算财政拨款', after: carryover_begn}",
            "row key 'carryover_begn' is not in templates/_vocabulary.yml",
        ),
        (
            "shares: [[share_pct, amount, general_public_by_function total at total]]",
            "shares: [[share_pct, amount, general_public_by_function total by code]]",
            "a share's whole is a claim figure",
        ),
        (
            "      - ['合计/(?:预算数|决算数)$', three_public_total]",
            "      - ['合计/(?:预算数|决算数)$', three_public_totl]",
            "measure 'three_public_totl' is not in templates/_vocabulary.yml",
        ),
    ],
)
def test_a_malformed_final_accounts_description_is_refused(scratch: Path, old: str, new: str, message: str) -> None:
    path = scratch / "national_department_final_accounts.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(templates.TemplateError) as error:
        templates.seed_rows()
    assert "national_department_final_accounts.yml" in str(error.value)
    assert message in str(error.value)
