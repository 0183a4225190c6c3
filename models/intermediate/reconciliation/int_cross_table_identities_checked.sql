-- family 3, across tables: the tables repeat each other. The same quantity
-- printed in two tables must be equal ('same'); a figure one table states as
-- the sum of several figures of another is checked with the rounding rule
-- ('sum'). One row per identity checked.
with

figures as (

    select
        *,
        {{ project_category_key('row_label') }} as category_key
    from {{ ref('int_published_figures_unioned') }}
    where table_no between 1 and 12

),

-- 一般公共预算资金 is printed twice in tables 1 and 6: told apart by occurrence
repeated_labels as (

    select
        *,
        row_number() over (partition by doc_id, table_no order by line_no) as occurrence
    from figures
    where table_no in (1, 6) and row_label = '一般公共预算资金'

),

-- (check, figure that states it, figures it must equal or sum to)
pairs as (

    -- tables 1 and 6 line by line: same side, same label, same occurrence
    select
        'table 1 = table 6' as relation,
        'same' as tolerance_rule,
        table_one.doc_id,
        table_one.figure_id as published_figure_id,
        table_six.figure_id as part_figure_id,
        1 as term_sign
    from figures as table_one
    inner join figures as table_six
        on
            table_one.doc_id = table_six.doc_id
            and table_one.seed_column = table_six.seed_column
            and table_six.table_no = 6
            and table_one.row_label = table_six.row_label
            and table_one.subject_code is not distinct from table_six.subject_code
    where
        table_one.table_no = 1
        and (table_one.subject_code is not null or table_one.row_label not in ('一般公共预算资金'))
    union all
    -- 一般公共预算资金 is printed twice in both tables: pair them in order
    select
        'table 1 = table 6' as relation,
        'same' as tolerance_rule,
        table_one.doc_id,
        table_one.figure_id as published_figure_id,
        table_six.figure_id as part_figure_id,
        1 as term_sign
    from repeated_labels as table_one
    inner join repeated_labels as table_six
        on table_one.doc_id = table_six.doc_id and table_one.occurrence = table_six.occurrence and table_six.table_no = 6
    where table_one.table_no = 1
    union all
    -- tables 1 and 6 expenditure lines = the sum over units of table 7 at that code
    select
        'table ' || summary_line.table_no || ' line = sum over units of table 7' as relation,
        'sum' as tolerance_rule,
        summary_line.doc_id,
        summary_line.figure_id as published_figure_id,
        table_seven.figure_id as part_figure_id,
        1 as term_sign
    from figures as summary_line
    inner join figures as table_seven
        on
            summary_line.doc_id = table_seven.doc_id
            and summary_line.subject_code = table_seven.subject_code
            and table_seven.table_no = 7
            and table_seven.seed_column = 'total_amount'
    where summary_line.table_no in (1, 6) and summary_line.seed_column = 'expenditure_amount'
    union all
    -- 本年支出合计 (tables 1, 6) = the department total of table 7
    select
        'table ' || summary_line.table_no || ' 本年支出合计 = table 7 department total' as relation,
        'same' as tolerance_rule,
        summary_line.doc_id,
        summary_line.figure_id as published_figure_id,
        table_seven.figure_id as part_figure_id,
        1 as term_sign
    from figures as summary_line
    inner join figures as table_seven
        on
            summary_line.doc_id = table_seven.doc_id
            and table_seven.table_no = 7
            and table_seven.row_kind = 'department'
            and table_seven.seed_column = 'total_amount'
    where summary_line.table_no in (1, 6) and summary_line.row_label = '本年支出合计'
    union all
    -- table 3 = table 7: unit, code, total / basic / project
    select
        'table 3 = table 7' as relation,
        'same' as tolerance_rule,
        table_three.doc_id,
        table_three.figure_id as published_figure_id,
        table_seven.figure_id as part_figure_id,
        1 as term_sign
    from figures as table_three
    inner join figures as table_seven
        on
            table_three.doc_id = table_seven.doc_id
            and table_three.unit_name = table_seven.unit_name
            and table_three.subject_code is not distinct from table_seven.subject_code
            and table_three.row_kind = table_seven.row_kind
            and table_three.seed_column = table_seven.seed_column
            and table_seven.table_no = 7
    where table_three.table_no = 3 and table_three.seed_column in ('total_amount', 'basic_amount', 'project_amount')
    union all
    -- table 4 = table 8's basic column: unit and code, unit totals, department
    select
        'table 4 = table 8 basic' as relation,
        'same' as tolerance_rule,
        table_four.doc_id,
        table_four.figure_id as published_figure_id,
        table_eight.figure_id as part_figure_id,
        1 as term_sign
    from figures as table_four
    inner join figures as table_eight
        on
            table_four.doc_id = table_eight.doc_id
            and table_four.unit_name is not distinct from table_eight.unit_name
            and table_four.subject_code is not distinct from table_eight.subject_code
            and table_four.row_kind = table_eight.row_kind
            and table_eight.table_no = 8
            and table_eight.seed_column = 'basic_amount'
    where table_four.table_no = 4 and table_four.seed_column = 'total_amount'
    union all
    -- table 2's income = table 3's (or 7's) expenditure, unit by unit
    select
        'table 2 = table ' || spent.table_no as relation,
        case when income.seed_column = 'total_income_amount' then 'same' else 'sum' end as tolerance_rule,
        spent.doc_id,
        spent.figure_id as published_figure_id,
        income.figure_id as part_figure_id,
        1 as term_sign
    from figures as spent
    inner join figures as income
        on
            spent.doc_id = income.doc_id
            and spent.unit_name is not distinct from income.unit_name
            and spent.row_kind = income.row_kind
            and income.table_no = 2
            and (
                (spent.seed_column = 'total_amount' and income.seed_column = 'total_income_amount')
                or (spent.seed_column = 'basic_amount' and income.seed_column = 'basic_grant_amount')
                or (
                    spent.seed_column = 'project_amount'
                    and income.seed_column in (
                        'duty_project_grant_amount', 'special_fund_grant_amount', 'investment_project_grant_amount'
                    )
                )
            )
    where
        spent.row_kind in ('unit', 'department')
        and ((spent.table_no = 3 and spent.row_kind = 'unit') or (spent.table_no = 7 and spent.row_kind = 'department'))
    union all
    -- table 5's unit and department totals = the project column of tables 3 and 7
    select
        'table 5 = table ' || spent.table_no || ' project' as relation,
        'same' as tolerance_rule,
        table_five.doc_id,
        table_five.figure_id as published_figure_id,
        spent.figure_id as part_figure_id,
        1 as term_sign
    from figures as table_five
    inner join figures as spent
        on
            table_five.doc_id = spent.doc_id
            and table_five.unit_name is not distinct from spent.unit_name
            and table_five.row_kind = spent.row_kind
            and spent.table_no in (3, 7)
            and spent.seed_column = 'project_amount'
    where table_five.table_no = 5 and table_five.seed_column = 'total_amount' and table_five.row_kind in ('unit', 'department')
    union all
    -- table 9's budget-year 公务用车运行维护费 = table 8's 30231 of the unit
    select
        'table 9 = table 8 30231' as relation,
        'same' as tolerance_rule,
        table_nine.doc_id,
        table_nine.figure_id as published_figure_id,
        table_eight.figure_id as part_figure_id,
        1 as term_sign
    from figures as table_nine
    inner join figures as table_eight
        on
            table_nine.doc_id = table_eight.doc_id
            and table_nine.unit_name = table_eight.unit_name
            and table_eight.table_no = 8
            and table_eight.subject_code = '30231'
            and table_eight.seed_column = 'total_amount'
    where
        table_nine.table_no = 9
        and table_nine.year_line = 'budget_year'
        and table_nine.seed_column = 'vehicle_operation_general_public_budget_amount'
    union all
    -- table 12's task amounts = their project categories in table 5 (all units)
    select
        'table 12 task = table 5 category' as relation,
        'sum' as tolerance_rule,
        table_twelve.doc_id,
        table_twelve.figure_id as published_figure_id,
        table_five.figure_id as part_figure_id,
        1 as term_sign
    from figures as table_twelve
    inner join figures as table_five
        on
            table_twelve.doc_id = table_five.doc_id
            and table_twelve.category_key = table_five.category_key
            and table_five.table_no = 5
            and table_five.row_kind = 'project'
            and table_five.seed_column = 'total_amount'
    where table_twelve.table_no = 12 and table_twelve.row_kind = 'project_category' and table_twelve.seed_column = 'total_amount'
    union all
    -- table 12's 基本支出 and 金额合计 = table 7's department basic and total
    select
        'table 12 = table 7 department' as relation,
        'same' as tolerance_rule,
        table_twelve.doc_id,
        table_twelve.figure_id as published_figure_id,
        table_seven.figure_id as part_figure_id,
        1 as term_sign
    from figures as table_twelve
    inner join figures as table_seven
        on
            table_twelve.doc_id = table_seven.doc_id
            and table_seven.table_no = 7
            and table_seven.row_kind = 'department'
            and table_seven.seed_column = case table_twelve.row_kind when 'basic' then 'basic_amount' else 'total_amount' end
    where table_twelve.table_no = 12 and table_twelve.row_kind in ('basic', 'total') and table_twelve.seed_column = 'total_amount'
    union all
    -- 收入总计 = 支出总计 (tables 1 and 6)
    select
        'table ' || income.table_no || ' 收入总计 = 支出总计' as relation,
        'same' as tolerance_rule,
        income.doc_id,
        income.figure_id as published_figure_id,
        spent.figure_id as part_figure_id,
        1 as term_sign
    from figures as income
    inner join figures as spent
        on
            income.doc_id = spent.doc_id
            and income.table_no = spent.table_no
            and spent.row_label = '支出总计'
            and spent.seed_column = 'expenditure_amount'
    where income.table_no in (1, 6) and income.row_label = '收入总计' and income.seed_column = 'income_amount'
    union all
    -- table 1's income side = table 2's department row
    select
        'table ' || summary_line.table_no || ' income = table 2 department' as relation,
        case when summary_line.row_label = '财政拨款' then 'sum' else 'same' end as tolerance_rule,
        summary_line.doc_id,
        summary_line.figure_id as published_figure_id,
        table_two.figure_id as part_figure_id,
        1 as term_sign
    from figures as summary_line
    inner join figures as table_two
        on
            summary_line.doc_id = table_two.doc_id
            and table_two.table_no = 2
            and table_two.row_kind = 'department'
            and (
                (summary_line.row_label = '收入总计' and table_two.seed_column = 'total_income_amount')
                or (summary_line.row_label = '上年结余、结转' and table_two.seed_column = 'prior_year_carryover_amount')
                or (
                    summary_line.row_label = '财政拨款'
                    and table_two.seed_column in (
                        'general_public_budget_subtotal_amount', 'government_fund_grant_amount',
                        'state_capital_grant_amount'
                    )
                )
            )
    where summary_line.table_no in (1, 6) and summary_line.seed_column = 'income_amount'

),

published_terms as (

    select
        pairs.doc_id,
        pairs.relation,
        pairs.tolerance_rule,
        pairs.published_figure_id,
        published.table_no,
        published.unit_name,
        published.subject_code,
        published.amount,
        'cross:' || pairs.relation || ':' || published.figure_id as check_id,
        pairs.relation || ': ' || published.row_label || ' / ' || published.column_label as description
    from pairs
    inner join figures as published
        on pairs.doc_id = published.doc_id and pairs.published_figure_id = published.figure_id
    qualify row_number() over (partition by pairs.doc_id, pairs.relation, pairs.published_figure_id) = 1

),

-- looked up on their own: one join to figures per query keeps the plan a
-- pair of hash joins on (doc_id, figure_id) however many documents there are
part_amounts as (

    select
        pairs.doc_id,
        pairs.relation,
        pairs.published_figure_id,
        pairs.term_sign,
        parts.figure_id,
        parts.amount
    from pairs
    inner join figures as parts
        on pairs.doc_id = parts.doc_id and pairs.part_figure_id = parts.figure_id

),

terms as (

    select
        doc_id,
        check_id,
        table_no,
        unit_name,
        subject_code,
        description,
        tolerance_rule,
        amount,
        'across_tables' as check_family,
        'published' as term_role,
        1 as term_sign,
        published_figure_id as figure_id
    from published_terms
    union all
    select
        published_terms.doc_id,
        published_terms.check_id,
        published_terms.table_no,
        published_terms.unit_name,
        published_terms.subject_code,
        published_terms.description,
        published_terms.tolerance_rule,
        part_amounts.amount,
        'across_tables' as check_family,
        'part' as term_role,
        part_amounts.term_sign,
        part_amounts.figure_id
    from part_amounts
    inner join published_terms
        on
            part_amounts.doc_id = published_terms.doc_id
            and part_amounts.relation = published_terms.relation
            and part_amounts.published_figure_id = published_terms.published_figure_id

),

final as (

    {{ checks_from_terms('terms') }}

)

select * from final
