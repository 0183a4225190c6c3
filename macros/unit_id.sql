{#- A unit's key: stable across years and documents, so a unit keeps its id
    from one year's budget to the next; derived, so facts need no join. -#}
{% macro unit_id(department_name, unit_name) -%}
    left(md5({{ department_name }} || '|' || {{ unit_name }}), 16)
{%- endmacro %}
