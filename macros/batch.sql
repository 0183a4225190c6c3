-- The linter reads the Jinja of these macros (control flow and return values,
-- no SQL at the file's level) as indented SQL; the SQL they render is linted
-- in the models that call them.
-- noqa: disable=LT02
{#- A build that adds, replaces or removes documents recomputes their rows
    only (src/budget_warehouse/incremental.py). Before each dbt step,
    publish.py writes the documents the step recomputes into the table
    build.batch, one doc_id per row: the documents added, replaced or removed,
    and those one of them touches (a 单位 document is covered by its 部门
    document: a department's documents are recomputed together); every
    document in a build of all of them at once, and after the build.

    The models that hold one document's rows are incremental where they are
    tables (dbt_project.yml), keyed by doc_id.
    Each such model, and each view of one document's rows, reads its
    per-document inputs through in_batch(), so that it computes the batch's
    rows alone (DuckDB pushes the batch's ids into every scan from the hash
    join that filters it; a filter from outside a view cannot reach a common
    table expression the view reads twice); an incremental model's pre-hook
    delete_batch() removes the batch's old rows (a removed document has no
    new rows to replace them), then its strategy (append) inserts the new ones. The
    models across documents (dimensions,
    peers, the intake report, headlines) are tables recomputed set-wise from
    the per-document tables, which hold every document. A data test of a
    per-document model reads the batch's rows alone (get_where_subquery
    below); a test across documents reads everything. -#}

{% macro batch_relation() -%}
    {%- if execute -%}
        {{ return(api.Relation.create(database=target.database, schema='build', identifier='batch')) }}
    {%- else -%}
        {#- parse time, and sqlfluff's templater: the name alone -#}
        {{ return('build.batch') }}
    {%- endif -%}
{%- endmacro %}

{#- A condition on a per-document relation: its rows of the batch (every row
    in a unit test, whose inputs are its own fixtures) -#}
{% macro in_batch(column='doc_id') -%}
    {%- if model is defined and model is mapping and model.get('resource_type') == 'unit_test' -%}
        true
    {%- else -%}
        {{ column }} in (select batch.doc_id from {{ batch_relation() }} as batch)
    {%- endif -%}
{%- endmacro %}

{#- pre-hook of every model (dbt_project.yml): an incremental model loses the
    batch's rows before its new ones are inserted -#}
{% macro delete_batch() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ in_batch() }}
    {%- endif -%}
{%- endmacro %}

{#- A model holds one document's rows: it has a doc_id column and is not
    marked across_documents (a model whose rows are decided across
    documents: coverage, dimensions, peers, the intake report) -#}
{% macro is_per_document(node) -%}
    {{ return('doc_id' in node.columns and not node.config.meta.get('across_documents', false)) }}
{%- endmacro %}

{#- dbt wraps the model a data test reads in this (its where config); a test of
    a per-document model reads the batch's rows alone -#}
{% macro default__get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- set attached = graph.nodes.get(model.attached_node) if model.attached_node else none -%}
    {%- if attached is not none and attached.resource_type == 'model' and is_per_document(attached) -%}
        {%- do conditions.append(in_batch()) -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ conditions | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {{ return(filtered) }}
    {%- else -%}
        {{ return(relation) }}
    {%- endif -%}
{%- endmacro %}
