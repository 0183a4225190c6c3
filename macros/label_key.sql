{#- A printed label for matching across tables and the narrative: white space
    gone, parentheses full-width, a trailing 类 or 项目 dropped and a trailing
    parenthesised unit dropped (综合管理类 (本级), 综合管理类项目 and 综合管理类
    are one category key, 综合管理). -#}
{% macro label_key(expression) -%}
    regexp_replace(
        regexp_replace({{ canonical_name(expression) }}, '（[^（）]*）$', ''),
        '类?(项目)?$', ''
    )
{%- endmacro %}
