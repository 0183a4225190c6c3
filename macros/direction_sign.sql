{#- The sign a direction word gives a change: +1 for a rise (增加, 增长, 大于,
    上升, 高于), -1 for a fall (减少, 下降, 小于, 降低, 低于), 0 for no change
    (持平, 等于, 相同, 一致, 不变); NULL for none. -#}
{% macro direction_sign(word) -%}
    case
        when {{ word }} in ('增加', '增长', '大于', '上升', '高于', '增幅') then 1
        when {{ word }} in ('减少', '下降', '小于', '降低', '低于', '减幅', '降幅') then -1
        when {{ word }} in ('持平', '等于', '相同', '一致', '不变') then 0
    end
{%- endmacro %}
