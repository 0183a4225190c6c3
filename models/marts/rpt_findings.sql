-- every finding about every document, what an analyst reads first: each
-- identity beyond rounding (mismatch) and each structural problem, with the
-- page (or source line) to open, and whether the project has verified it
-- against the printed page (acknowledged: the shipped documents' known errors)
with

reconciliation as (

    select * from {{ ref('rpt_reconciliation') }}

),

-- what the reader could not place is a reader note (rpt_reader_notes), never a finding
structure as (

    select * from {{ ref('int_document_structure_checked') }}
    where finding_kind not in {{ reader_note_kinds() }}

),

documents as (

    select * from {{ ref('int_documents_unioned') }}

),

acknowledged as (

    select * from {{ ref('stg_reference__acknowledged_findings') }}

),

mismatches as (

    select
        doc_id,
        check_id as finding_id,
        check_family as finding_kind,
        case when status = 'truncated' then 'note' else 'error' end as severity,
        table_key,
        page_no,
        source_line,
        description
        || ': printed ' || coalesce(published_text_as_printed, 'nothing') || coalesce(' ' || printed_unit, '')
        || coalesce(
            ', the parts give ' || cast(derived_value as varchar) || ' ' || value_unit
            || ' (difference ' || cast(difference as varchar) || ', tolerance ' || cast(tolerance as varchar) || ')',
            ', which the parts cannot give (a share of a whole of 0, or a figure the identity needs is not printed)'
        ) as description,
        published_text_as_printed as text_as_printed,
        figure_ids

    from reconciliation
    where status in ('mismatch', 'truncated')

),

structural as (

    select
        doc_id,
        finding_id,
        finding_kind,
        severity,
        table_key,
        page_no,
        cast(null as integer) as source_line,
        description,
        text_as_printed,
        cast(null as varchar[]) as figure_ids

    from structure

),

findings as (

    select * from mismatches
    union all
    select * from structural

),

final as (

    select
        findings.doc_id,
        findings.finding_id,
        documents.source_sha256,
        findings.finding_kind,
        findings.severity,
        findings.table_key,
        findings.page_no,
        findings.source_line,
        findings.description,
        findings.text_as_printed,
        findings.figure_ids,
        acknowledged.verdict,
        acknowledged.explanation,
        acknowledged.finding_id is not null as is_acknowledged

    from findings
    inner join documents
        on findings.doc_id = documents.doc_id
    left join acknowledged
        on documents.source_sha256 = acknowledged.source_sha256 and findings.finding_id = acknowledged.finding_id

)

select * from final
