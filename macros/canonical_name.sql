{#- One spelling per name: half-width parentheses become full-width and all
    white space goes (the document prints 政府办公厅(室) beside 政府办公厅（室）
    and 项 目 with a space). Only for subject and unit names, never for
    free text. -#}
{% macro canonical_name(expression) -%}
    regexp_replace(replace(replace(trim({{ expression }}), '(', '（'), ')', '）'), '\s+', '', 'g')
{%- endmacro %}

{#- The name a table prints for a classification subject, from its row label
    as printed: the label's last part (a label of an outline table is its
    path, 一般公共服务支出/政府办公厅（室）及相关机构事务), canonical_name's
    spelling, and no ordinal (the 类 lines of a summary table print one:
    二、公共安全支出). What the subject dimensions read, per document
    (int_subject_names_by_document), and what a document is checked against
    itself and the catalogue for (int_subject_names_checked). -#}
{% macro printed_subject_name(label) -%}
    regexp_replace(
        {{ canonical_name("regexp_extract(" ~ label ~ ", '([^/]+)$', 1)") }},
        '^([一二三四五六七八九十]+、|\d+[.．、])',
        ''
    )
{%- endmacro %}
