-- Which figures of which documents do not add up, or could not be read, and on which page are they printed?
with

findings as (

    select * from {{ ref('rpt_findings') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

final as (

    select
        documents.department_name,
        documents.fiscal_year,
        documents.scope,
        documents.source_file,
        findings.page_no,
        findings.source_line,
        findings.finding_kind,
        findings.severity,
        findings.text_as_printed,
        findings.description,
        findings.is_acknowledged,
        findings.verdict

    from findings
    inner join documents
        on findings.doc_id = documents.doc_id

)

select * from final
order by department_name, fiscal_year, scope, page_no, source_line
