{#- The columns identify a row: none is NULL and no combination repeats.
    Failing rows show the key, how often it occurs and, when the model has
    it, the source lines of the rows that share it. -#}
{% test primary_key(model, columns, show_source_lines=false) -%}

with

keys as (

    select
        {{ columns | join(', ') }},
        {{ 'list(source_line order by source_line)' if show_source_lines else 'null' }} as source_lines,
        count(*) as occurrences

    from {{ model }}
    group by {{ columns | join(', ') }}

)

select * from keys
where
    occurrences > 1
    {%- for column in columns %}
        or {{ column }} is null
    {%- endfor %}

{%- endtest %}
