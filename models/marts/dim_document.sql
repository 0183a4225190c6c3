-- one row per document of the warehouse: what tells documents apart (region
-- and level, year, phase, scope, template), where it came from, and whether
-- its figures count in the facts' totals (a 单位 document whose 部门 document
-- is also loaded is covered by it, and is kept out of the totals)
with

documents as (

    select * from {{ ref('int_documents_unioned') }}

),

templates as (

    select * from {{ ref('stg_templates__templates') }}

),

coverage as (

    select * from {{ ref('int_documents_covered') }}

),

final as (

    select
        documents.doc_id,
        documents.title_as_printed,
        documents.department_name,
        documents.region,
        documents.region_level,
        documents.fiscal_year,
        documents.budget_phase,
        documents.scope,
        documents.template,
        templates.template_name_zh,
        'CNY' as currency,
        documents.table_unit,
        documents.page_count,
        documents.source_file,
        documents.source_sha256,
        coverage.covered_by_doc_id,
        coverage.is_in_totals

    from documents
    left join templates
        on documents.template = templates.template
    left join coverage
        on documents.doc_id = coverage.doc_id

)

select * from final
