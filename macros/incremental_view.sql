-- The linter reads the Jinja of these macros (control flow and return values,
-- no SQL at the file's level) as indented SQL; the SQL they render is linted
-- in the models that call them.
-- noqa: disable=LT02
{#- An incremental model adds a batch's rows (dbt_project.yml: the pre-hook
    delete_batch() deletes the batch's old rows, the append strategy inserts
    the new ones). dbt-duckdb first writes the model's rows into a temporary
    table, then copies it into the model's table: every row of a batch written
    twice. A batch of a thousand documents' figures (1.8 million rows) took
    twice as long to add as to create its table (int_figures_unioned 18 s
    against 9 s, fct_published_figure 14 s against 5 s). Here the temporary
    relation of an incremental model is a view of its query, which the append
    strategy's insert computes once, into the model's table; its contract is
    checked as dbt-duckdb checks it for a temporary table. Every other
    relation is made as dbt-duckdb makes it. -#}
{% macro duckdb__create_table_as(temporary, relation, compiled_code, language='sql', partitioned_by=none, sorted_by=none) -%}
    {%- if temporary and language == 'sql' and config.get('materialized') == 'incremental' -%}
        {%- if config.get('contract').enforced -%}
            {{ get_assert_columns_equivalent(compiled_code) }}
        {%- endif %}
        create or replace temporary view {{ relation.include(database=false, schema=false) }} as (
            {{ compiled_code }}
        )
    {%- else -%}
        {{ return(dbt.duckdb__create_table_as(temporary, relation, compiled_code, language, partitioned_by, sorted_by)) }}
    {%- endif -%}
{%- endmacro %}
