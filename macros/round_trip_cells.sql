{#- The common shape of the re-rendered tables (rpt_table_NN): one row per
    printed cell with its key, value and the number of facts it sums. Missing
    key parts are NULL; cell_id joins them into one key. -#}
{% macro round_trip_cells(relation) -%}
    select
        doc_id,
        row_kind,
        unit_name,
        subject_code,
        line_key,
        seed_column,
        concat_ws('|', row_kind, coalesce(unit_name, '-'), coalesce(subject_code, '-'), coalesce(line_key, '-'), seed_column)
            as cell_id,
        cast(amount as decimal(18, 2)) as amount,
        cast(term_count as integer) as term_count
    from {{ relation }}
{%- endmacro %}
