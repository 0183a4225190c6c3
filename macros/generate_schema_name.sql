{#- Custom schema names are used as given (raw, staging, intermediate, marts),
    not prefixed with the target schema, so analysts query marts.fct_income. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
