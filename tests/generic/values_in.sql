{#- Every non-NULL value of the column is one of the values of `field` in
    `to`, like dbt's relationships test, but the failing rows are returned
    whole, so they show the table and source line of the value. -#}
{% test values_in(model, column_name, to, field) %}

select * from {{ model }}
where
    {{ column_name }} is not null
    and {{ column_name }} not in (select {{ field }} from {{ to }} where {{ field }} is not null)

{% endtest %}
