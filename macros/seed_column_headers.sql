{#- A relation (seed_name, seed_column, header_zh) of every seed column's
    Chinese header, read from meta.header_zh in seeds/_seeds.yml, so the
    published figures are labelled with the document's own headers and the
    labels live in one place. The graph is only filled at run time; at parse
    time this renders an empty relation of the same shape. -#}
{% macro seed_column_headers() -%}
    {%- set rows = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() | selectattr('resource_type', 'equalto', 'seed') -%}
            {%- for column in node.columns.values() -%}
                {%- set header = (column.meta or {}).get('header_zh', column.name) -%}
                {%- do rows.append(
                    "('" ~ node.name ~ "', '" ~ column.name ~ "', '" ~ header | replace("'", "''") ~ "')"
                ) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if rows -%}
        select * from (values {{ rows | join(', ') }}) as headers (seed_name, seed_column, header_zh)
    {%- else -%}
        select
            cast(null as varchar) as seed_name,
            cast(null as varchar) as seed_column,
            cast(null as varchar) as header_zh
        where false
    {%- endif -%}
{%- endmacro %}
