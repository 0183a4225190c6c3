{#- One spelling per name: half-width parentheses become full-width and all
    white space goes (the document prints 政府办公厅(室) beside 政府办公厅（室）
    and 项 目 with a space). Only for subject and unit names, never for
    free text. -#}
{% macro canonical_name(expression) -%}
    regexp_replace(replace(replace(trim({{ expression }}), '(', '（'), ')', '）'), '\s+', '', 'g')
{%- endmacro %}
