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
    strategy's insert computes once, into the model's table. Its contract is
    not checked again on the view: it was when the table was created, and the
    append compares the view's columns with the table's (on_schema_change:
    fail), which costs one lookup less for each of the 52 models an added
    document runs. Every other relation is made as dbt-duckdb makes it.

    The rows of a model incremental by document are written in the order of
    their document (doc_id), whether its table is created or added to: a
    batch's rows then fill row groups of few documents each, and DuckDB's
    zone maps (the least and greatest doc_id of each row group) let a later
    build that reads, deletes or tests one document's rows skip every other
    document's. Written in no order, every row group held some of every
    document of its batch, and each of an added document's 190 models and
    tests scanned every row of the warehouse. -#}
{% macro duckdb__create_table_as(temporary, relation, compiled_code, language='sql', partitioned_by=none, sorted_by=none) -%}
    {%- set incremental_sql = language == 'sql' and config.get('materialized') == 'incremental' -%}
    {%- if incremental_sql and config.get('unique_key') == 'doc_id' -%}
        {%- set compiled_code = 'select * from (\n' ~ compiled_code ~ '\n) as rows_by_document\norder by doc_id' -%}
    {%- endif -%}
    {%- if temporary and incremental_sql -%}
        create or replace temporary view {{ relation.include(database=false, schema=false) }} as (
            {{ compiled_code }}
        )
    {%- else -%}
        {{ return(dbt.duckdb__create_table_as(temporary, relation, compiled_code, language, partitioned_by, sorted_by)) }}
    {%- endif -%}
{%- endmacro %}
