{#- A fact mart holds each document's figures once: per document, its rows add up to the 合计 its own
    table prints (the table's total line, of no unit: row_key total, or the row and side named, such as the
    收支总表's 收入总计), within the rounding of the lines and the total.
    A document whose printed table does not add up to its own 合计 is left aside: that is a finding
    against the document (rpt_findings), not a fault of the facts; so is one whose table's reading its own
    arithmetic did not confirm (reading_status unconfirmed): a reader note, and its facts flagged so. Rows returned: the documents whose
    facts and printed total differ beyond rounding, with both. The model is read for the build's batch alone
    (macros/batch.sql), so are the figures and checks it is compared with. -#}
{% test sums_to_printed_total(
    model, amount_column, table_key, measure_key='total', row_key='total', side=none, fact_filter=none
) -%}

with

facts as (

    select
        doc_id,
        sum({{ amount_column }}) as fact_yuan,
        count({{ amount_column }}) as line_count

    from {{ model }}
    {%- if fact_filter %}
        where {{ fact_filter }}
    {%- endif %}
    group by doc_id

),

printed as (

    select
        doc_id,
        figure_id,
        page_no,
        amount_yuan as printed_yuan,
        half_unit_yuan

    from {{ ref('int_figures_unioned') }}
    where
        source_kind = 'table'
        and table_key = '{{ table_key }}'
        and measure_key = '{{ measure_key }}'
        and row_key = '{{ row_key }}'
        and unit_name is null
        and {{ "side = '" ~ side ~ "'" if side else "true" }}
        and {{ in_batch() }}

),

unbalanced as (

    select distinct doc_id from {{ ref('rpt_reconciliation') }}
    where
        table_key = '{{ table_key }}' and check_family = 'hierarchy' and status in ('mismatch', 'implausible')
        and {{ in_batch() }}
    union
    select distinct doc_id from {{ ref('int_figures_unioned') }}
    where table_key = '{{ table_key }}' and reading_status = 'unconfirmed' and {{ in_batch() }}

),

final as (

    select
        facts.doc_id,
        printed.figure_id,
        printed.page_no,
        printed.printed_yuan,
        facts.fact_yuan,
        facts.fact_yuan - printed.printed_yuan as difference,
        (facts.line_count + 1) * printed.half_unit_yuan as tolerance

    from facts
    inner join printed
        on facts.doc_id = printed.doc_id
    where facts.doc_id not in (select unbalanced.doc_id from unbalanced)

)

select * from final
where abs(difference) > tolerance

{%- endtest %}
