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

-- a unit's own budget (单位预算) is part of its department's (部门预算)
coverage as (

    select
        units.doc_id,
        min(departments.doc_id) as covered_by_doc_id

    from documents as units
    inner join documents as departments
        on
            units.scope = '单位'
            and departments.scope = '部门'
            and units.fiscal_year = departments.fiscal_year
            and units.budget_phase = departments.budget_phase
            and units.region is not distinct from departments.region
            and units.department_name = departments.department_name
    group by units.doc_id

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
        coverage.covered_by_doc_id is null as is_in_totals

    from documents
    left join templates
        on documents.template = templates.template
    left join coverage
        on documents.doc_id = coverage.doc_id

)

select * from final
