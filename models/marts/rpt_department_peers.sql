-- one row per document, with the kind of department it is, so the same kind
-- can be put side by side across regions (北京市统计局 beside 广州市统计局):
-- the kind is the department's name without the region the warehouse read
-- for it, and without a trailing （本级） (深圳 prints 深圳市统计局（本级） for
-- the bureau's own budget, which is the 统计局 of the city). A name that does
-- not begin with its region (中共重庆市委宣传部, 国家信访局) is its own kind.
-- The measures are the document's headline figures as rpt_document_summary
-- states them (NULL where the document does not print one), and
-- peer_region_count says in how many regions the kind was read.
with

documents as (

    select * from {{ ref('dim_document') }}

),

summaries as (

    select * from {{ ref('rpt_document_summary') }}

),

named as (

    select
        doc_id,
        region,
        regexp_replace(department_name, '\s*[（(]本级[)）]$', '') as department_name_without_own_level

    from documents

),

kinds as (

    select
        doc_id,
        case
            when
                starts_with(department_name_without_own_level, region)
                and length(department_name_without_own_level) > length(region)
                then substr(department_name_without_own_level, length(region) + 1)
            else department_name_without_own_level
        end as department_kind

    from named

),

peers as (

    select
        kinds.department_kind,
        count(distinct documents.region) as peer_region_count

    from kinds
    inner join documents
        on kinds.doc_id = documents.doc_id
    group by kinds.department_kind

),

final as (

    select
        documents.doc_id,
        kinds.department_kind,
        documents.department_name,
        documents.region,
        documents.region_level,
        documents.fiscal_year,
        documents.budget_phase,
        documents.scope,
        documents.is_in_totals,
        cast(peers.peer_region_count as integer) as peer_region_count,
        summaries.expenditure_total_yuan,
        summaries.basic_yuan,
        summaries.project_yuan,
        summaries.general_public_yuan,
        summaries.general_public_share,
        summaries.three_public_total_yuan,
        summaries.running_costs_yuan

    from documents
    inner join kinds
        on documents.doc_id = kinds.doc_id
    inner join peers
        on kinds.department_kind = peers.department_kind
    left join summaries
        on documents.doc_id = summaries.doc_id

)

select * from final
