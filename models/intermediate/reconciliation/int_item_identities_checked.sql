-- family 3, summary lines: in the two-sided summary tables, a total line
-- equals the lines the template lists under it (item_sums: 收入总计 = 财政拨款收入
-- + 事业收入 + …, 支出总计 = the sum of the 类), and income balances
-- expenditure (balances: 收入总计 = 支出总计), column by column.
with

figures as (

    select * from {{ ref('int_figures_unioned') }}
    where
        source_kind = 'table'
        and {{ in_batch() }}

),

rule_terms as (

    select * from {{ ref('int_rule_terms_resolved') }}
    where
        check_family in ('item', 'balance')
        and {{ in_batch() }}

),

selected as (

    select
        figures.*,
        rule_terms.rule_id,
        rule_terms.check_family,
        rule_terms.description as rule_description,
        rule_terms.term_role,
        rule_terms.term_sign

    from figures
    inner join rule_terms
        on
            figures.doc_id = rule_terms.doc_id
            and figures.table_key = rule_terms.table_key
            and (rule_terms.side is null or figures.side = rule_terms.side)
            and (rule_terms.measure_key is null or figures.measure_key = rule_terms.measure_key)
            and (
                (rule_terms.selector = 'row' and figures.row_key = rule_terms.row_key)
                or (rule_terms.selector = 'class' and length(figures.subject_code) = 3 and figures.row_key is null)
            )

),

terms as (

    select
        doc_id,
        check_family,
        rule_id,
        table_key,
        unit_name,
        cast(null as varchar) as subject_code,
        figure_id,
        term_role,
        term_sign,
        amount_yuan,
        half_unit_yuan,
        rule_id || ':' || table_order || ':' || measure_key || ':' || coalesce(fund_key, '') || ':'
        || basis || ':' || coalesce(unit_name, '') as check_id,
        rule_description || ' (' || measure_key || ')' as description

    from selected

),

checks as (

    {{ checks_from_terms('terms') }}

),

-- a summary line with none of its parts printed (a department line where the
-- table lists projects under units only) states nothing to compare
final as (

    select * from checks
    where part_count > 0

)

select * from final
