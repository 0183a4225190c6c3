-- table 1 (收支总表) re-rendered from the facts alone: the department's
-- functional lines (类, 款, 项, summed over units) and the summary lines of
-- both sides; 结转下年 is what income leaves after expenditure
with

expenditure as (

    select * from {{ ref('fct_expenditure_by_function') }}

),

income as (

    select * from {{ ref('fct_income') }}

),

subject_cells as (

    select
        doc_id,
        subject_code,
        sum(total_amount) as amount,
        count(*) as term_count
    from (
        select
            doc_id,
            total_amount,
            unnest([function_code, function_section_code, function_class_code]) as subject_code
        from expenditure
    ) as by_level
    group by doc_id, subject_code

),

income_lines as (

    select
        doc_id,
        sum(amount) filter (where funding_source_code like 'CUR.FIN.%') as fiscal_grant_amount,
        count(amount) filter (where funding_source_code like 'CUR.FIN.%') as fiscal_grant_terms,
        sum(amount) filter (where funding_source_code like 'CUR.FIN.GPB.%') as general_public_amount,
        count(amount) filter (where funding_source_code like 'CUR.FIN.GPB.%') as general_public_terms,
        sum(amount) filter (where funding_source_code like 'CUR.%') as current_income_amount,
        count(amount) filter (where funding_source_code like 'CUR.%') as current_income_terms,
        sum(amount) filter (where funding_source_code = 'CARRY') as carryover_amount,
        count(amount) filter (where funding_source_code = 'CARRY') as carryover_terms,
        sum(amount) as total_income_amount,
        count(amount) as total_income_terms
    from income
    group by doc_id

),

expenditure_lines as (

    select
        doc_id,
        sum(total_amount) as current_expenditure_amount,
        count(total_amount) as current_expenditure_terms
    from expenditure
    group by doc_id

),

summary_cells as (

    select
        income_lines.doc_id,
        summary_line.line_key,
        summary_line.seed_column,
        summary_line.amount,
        summary_line.term_count
    from income_lines
    inner join expenditure_lines
        on income_lines.doc_id = expenditure_lines.doc_id
    cross join lateral (
        values
        ('财政拨款', 'income_amount', income_lines.fiscal_grant_amount, income_lines.fiscal_grant_terms),
        ('一般公共预算资金', 'income_amount', income_lines.general_public_amount, income_lines.general_public_terms),
        ('本年收入合计', 'income_amount', income_lines.current_income_amount, income_lines.current_income_terms),
        ('上年结余、结转', 'income_amount', income_lines.carryover_amount, income_lines.carryover_terms),
        ('收入总计', 'income_amount', income_lines.total_income_amount, income_lines.total_income_terms),
        ('本年支出合计', 'expenditure_amount', expenditure_lines.current_expenditure_amount, expenditure_lines.current_expenditure_terms),
        (
            '结转下年', 'expenditure_amount', income_lines.total_income_amount - expenditure_lines.current_expenditure_amount,
            income_lines.total_income_terms + expenditure_lines.current_expenditure_terms
        ),
        ('支出总计', 'expenditure_amount', income_lines.total_income_amount, income_lines.total_income_terms)
    ) as summary_line (line_key, seed_column, amount, term_count)

),

rendered as (

    select
        doc_id,
        cast(null as varchar) as unit_name,
        'expenditure_amount' as seed_column,
        amount,
        term_count,
        'subject' as row_kind,
        subject_code,
        cast(null as varchar) as line_key
    from subject_cells
    union all
    select
        doc_id,
        cast(null as varchar) as unit_name,
        seed_column,
        amount,
        term_count,
        'summary' as row_kind,
        cast(null as varchar) as subject_code,
        line_key
    from summary_cells

),

final as (

    {{ round_trip_cells('rendered') }}

)

select * from final
