{#- Re-render a coded table (3, 4, 7, 8) from facts in long form (doc_id,
    unit_name, seed_column, amount, and the code columns of each level): one
    row per printed cell of every subject line (each fact counts towards its
    own code and each ancestor code), every unit line, and, if the table
    prints one, the department line; term_count is how many facts a cell sums. -#}
{% macro render_coded_cells(relation, code_columns, include_department=true) -%}
    select
        doc_id,
        unit_name,
        subject_code,
        seed_column,
        'subject' as row_kind,
        sum(amount) as amount,
        count(*) as term_count
    from (
        select
            doc_id,
            unit_name,
            seed_column,
            amount,
            unnest([{{ code_columns | join(', ') }}]) as subject_code
        from {{ relation }}
    ) as by_level
    group by doc_id, unit_name, subject_code, seed_column
    union all
    select
        doc_id,
        case when grouping(unit_name) = 0 then unit_name end as unit_name,
        cast(null as varchar) as subject_code,
        seed_column,
        case when grouping(unit_name) = 0 then 'unit' else 'department' end as row_kind,
        sum(amount) as amount,
        count(*) as term_count
    from {{ relation }}
    {%- set grouping_sets = ['(doc_id, unit_name, seed_column)'] %}
    {%- if include_department %}
        {%- do grouping_sets.append('(doc_id, seed_column)') %}
    {%- endif %}
    group by grouping sets ({{ grouping_sets | join(', ') }})
{%- endmacro %}
