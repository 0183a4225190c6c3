-- The linter reads the bulk branch of this macro (a bare read_csv(...) call)
-- as if it were a statement of its own and asks for no indentation; the SQL
-- it renders is linted where it is used, in every staging model.
-- noqa: disable=LT02
{#- Where a staging model reads a transcribed table from. By default the
    committed seed; for bulk loads (many documents), every file named
    <seed>.csv under the folder given by the dbt var input_path (make build
    INPUT=folder sets it), one set per document or concatenated, read by
    DuckDB directly with the seed's own column types
    (seeds/_seeds.yml), so the same models and tests serve both. -#}
{% macro document_input(seed_name) -%}
    {%- set input_path = var('input_path', '') -%}
    {%- if input_path and execute -%}
        {%- set column_types = graph.nodes['seed.' ~ project_name ~ '.' ~ seed_name].config.column_types -%}
        {%- set columns = [] -%}
        {%- for column, data_type in column_types.items() -%}
            {%- do columns.append("'" ~ column ~ "': '" ~ data_type ~ "'") -%}
        {%- endfor -%}
        read_csv(
            '{{ input_path }}/**/{{ seed_name }}.csv',
            header = true,
            auto_detect = false,
            columns = { {{- columns | join(', ') -}} }
        )
    {%- elif input_path -%}
        {#- parse time: the graph is not filled yet; nothing is read -#}
        (select 1 as parsed)
    {%- else -%}
        {{ ref(seed_name) }}
    {%- endif -%}
{%- endmacro %}
