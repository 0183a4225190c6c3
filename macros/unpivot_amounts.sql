{#- One row per printed amount cell of a wide relation: every column named
    *_amount becomes (seed_column, amount). Blank cells (NULL) give no row:
    the document prints no figure there. -#}
{% macro unpivot_amounts(relation) -%}
    unpivot {{ relation }}
    on columns('_amount$')
    into name seed_column value amount
{%- endmacro %}
