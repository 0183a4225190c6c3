{#- Table 5 and the narrative print 信息化类, 政务服务 and 政府投资项目; table 12
    prints 信息化类项目, 政务服务类项目 and 政府投资项目. Dropping a trailing 类 and
    项目 gives one key for each category: 信息化, 政务服务, 政府投资, 综合管理. -#}
{% macro project_category_key(expression) -%}
    regexp_replace({{ canonical_name(expression) }}, '类?(项目)?$', '')
{%- endmacro %}
