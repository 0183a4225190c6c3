{#- How many 元 one unit of a printed amount is; NULL for what is not money
    (percentages, counts), so it never enters a sum of money. -#}
{% macro yuan_factor(printed_unit) -%}
    cast(
        case {{ printed_unit }}
            when '元' then 1
            when '千元' then 1000
            when '万元' then 10000
            when '亿元' then 100000000
        end as decimal(10, 0)
    )
{%- endmacro %}
