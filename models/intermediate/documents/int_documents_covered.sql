-- every document, and whether its figures count in totals: a unit's own
-- budget (单位预算) is part of its department's (部门预算), so a 单位 document
-- whose 部门 document of the same year, phase and region is also loaded is
-- covered by it and kept out of every total (the one place this rule lives).
-- Decided within a department: a build that adds, replaces or removes a
-- document recomputes every document of its department with it
-- (src/budget_warehouse/incremental.py), so a 单位 document's coverage follows
-- its 部门 document's arrival or removal
with

documents as (

    select * from {{ ref('int_documents_unioned') }}

),

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
        documents.fiscal_year,
        documents.budget_phase,
        coverage.covered_by_doc_id,
        coverage.covered_by_doc_id is null as is_in_totals

    from documents
    left join coverage
        on documents.doc_id = coverage.doc_id

)

select * from final
