{#- The columns identify a row: none is NULL and no combination repeats.
    Failing rows show the key and how often it occurs. -#}
{% test primary_key(model, columns) -%}

with

keys as (

    select
        {{ columns | join(', ') }},
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
