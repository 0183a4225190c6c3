{#- Every amount cell of a table that prints a figure in every cell is filled:
    a blank is a transcription slip (the table prints 0.00 where there is
    nothing). Each failing row names the seed file, its line and the column.
    Table 9, whose blank cells are meaningful, does not take this test. The
    seed a staging model reads (stg_budget_document__<seed>) is found from
    its name, whether the test reads the model whole or the rows of a build's
    batch (a subquery of it, macros/batch.sql). -#}
{% test amounts_printed(model) -%}

with

amounts as (

    select
        doc_id,
        source_line,
        line_no,
        columns('_amount$')
    from {{ model }}

),

cells as (

    select * from amounts
    unpivot include nulls (amount for seed_column in (columns('_amount$')))

)

select
    doc_id,
    source_line,
    seed_column,
    'seeds/document/{{ modules.re.search('__([a-z0-9_]+)"', model | string).group(1) }}.csv' as seed_file,
    line_no + 1 as seed_file_line,
    'blank cell where the table prints a figure' as problem
from cells
where amount is null

{%- endtest %}
