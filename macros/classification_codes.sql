{#- Chinese budget classification codes grow by two digits a level:
    类 3 digits, 款 5, 项 7 (the economic classification stops at 款). -#}

{% macro subject_level(code) -%}
    case length({{ code }}) when 3 then 1 when 5 then 2 when 7 then 3 end
{%- endmacro %}

{#- the parent of a code is the code without its last two digits; a 类 has none -#}
{% macro parent_subject_code(code) -%}
    case when length({{ code }}) in (5, 7) then left({{ code }}, length({{ code }}) - 2) end
{%- endmacro %}
