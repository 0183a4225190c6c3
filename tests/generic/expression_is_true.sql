{#- Every row satisfies the expression; failing rows are returned whole, so
    they show the file line (source_line) and the values that broke it. -#}
{% test expression_is_true(model, expression, column_name=none) %}

select * from {{ model }}
where not coalesce({{ expression }}, false)

{% endtest %}
