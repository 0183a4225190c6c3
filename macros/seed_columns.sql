{#- A relation (seed_column) of every column of a seed, in file order, read
    from seeds/_seeds.yml through the graph (filled at run time; at parse
    time a placeholder). Callers keep the columns they need. -#}
{% macro seed_columns(seed_name) -%}
    {{ values_relation(
        ['seed_column'],
        graph.nodes['seed.' ~ project_name ~ '.' ~ seed_name].columns.keys() | list if execute else ['total_amount']
    ) }}
{%- endmacro %}

{#- Whether a fact of funding source leaf_code counts towards the printed
    column of funding-source node node_code: the node itself, any node under
    it (codes are dotted paths from the root), or everything for TOTAL. -#}
{% macro funding_source_covers(node_code, leaf_code) -%}
    (
        {{ node_code }} = 'TOTAL'
        or {{ leaf_code }} = {{ node_code }}
        or starts_with({{ leaf_code }}, {{ node_code }} || '.')
    )
{%- endmacro %}
