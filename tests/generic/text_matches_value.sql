{#- Every figure's text as printed reads as its value: thousands separators
    removed, the printed number is the value the warehouse keeps (a PDF's
    figures are read from their text; a transcription's text and value are
    typed separately and could disagree). Failing rows name the figure. -#}
{% test text_matches_value(model, text_column='figure_text_as_printed', value_column='value_as_printed') -%}

select
    doc_id,
    figure_id,
    {{ text_column }},
    {{ value_column }}

from {{ model }}
where
    try_cast(replace({{ text_column }}, ',', '') as decimal(24, 6)) is distinct from {{ value_column }}

{%- endtest %}
