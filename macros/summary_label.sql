{#- A summary line's label for matching a template's row patterns: white
    space gone and its ordinal (一、 1. （一） 其中：) dropped, as the PDF reader
    does (pdf.tables.label_key). -#}
{% macro summary_label(expression) -%}
    regexp_replace(
        regexp_replace({{ expression }}, '\s+', '', 'g'),
        '^([一二三四五六七八九十]+[、.．]|[0-9]+[、.．]|[（(][一二三四五六七八九十0-9]+[)）]|其中[:：])+',
        ''
    )
{%- endmacro %}
