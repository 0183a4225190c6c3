{#- Descriptions become table and column comments (dbt_project.yml:
    +persist_docs), written after each model is built. A model incremental by
    document, on a build that adds to the published warehouse, inserts rows
    into the table its first build made and commented: its comments are there
    and are the same (a change of a description is a change of the code, which
    makes a full build), so they are not written again: a comment on the table
    and one per column, after a lookup of its columns, for each of the fifty
    such models an added document runs. Every other build, and every other
    materialization, writes them as dbt does. -#}
{% macro duckdb__persist_docs(relation, model, for_relation=true, for_columns=true) -%}
    {%- if model.config.materialized == 'incremental' and is_incremental() -%}
        {{ return('') }}
    {%- endif -%}
    {{ return(default__persist_docs(relation, model, for_relation, for_columns)) }}
{%- endmacro %}
