{#- The tables print a unit (or a 类, a section) once and leave the cell blank
    on the rows under it: carry the last non-blank value down, in printed order. -#}
{% macro fill_down(column, partition_by, order_by='line_no') -%}
    last_value({{ column }} ignore nulls) over (
        partition by {{ partition_by }}
        order by {{ order_by }}
        rows between unbounded preceding and current row
    )
{%- endmacro %}
