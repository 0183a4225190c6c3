{#- An amount in 元 shown in the unit a document printed it in (万元, 元), exactly, with no trailing
    zeros: 14767300.00 元 in 万元 → '1476.73'. For a finding's message, not for arithmetic. -#}
{% macro display_amount(amount_yuan, printed_unit) -%}
    regexp_replace(
        cast(cast({{ amount_yuan }} / coalesce({{ yuan_factor(printed_unit) }}, 1) as decimal(28, 6)) as varchar),
        '\.?0+$', ''
    )
{%- endmacro %}

{#- A check's value as the reader reads it: money (value_unit 元) in the printed unit, a percentage or a
    count as it is, without trailing zeros -#}
{% macro display_value(value, value_unit, printed_unit) -%}
    case
        when {{ value_unit }} = '元' then {{ display_amount(value, printed_unit) }}
        else regexp_replace(cast({{ value }} as varchar), '\.?0+$', '')
    end
{%- endmacro %}
