{#- Where a staging model reads a transcribed table from. By default the
    committed seed; for a bulk build (many documents: make build INPUT=folder,
    or DOCS=folder's text renderings, which set the dbt var input_path), the
    table of source budget_document (schema input) that the build loads,
    before dbt runs, from every file <seed>.csv of its folder with the seed's
    own column types (seeds/_seeds.yml; incremental.load_input), so the same
    models and tests serve both. Its staging model is a view either way: the
    files are parsed once, by the load, and a build that adds documents runs
    no staging model. -#}
{% macro document_input(seed_name) -%}
    {%- if var('input_path', '') -%}
        {{ source('budget_document', seed_name) }}
    {%- else -%}
        {{ ref(seed_name) }}
    {%- endif -%}
{%- endmacro %}
