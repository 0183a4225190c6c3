-- every term of every identity rule, for every document of the rule's
-- template: what the shared identity models join the figures to
with

documents as (

    select * from {{ ref('int_documents_unioned') }}
    where {{ in_batch() }}

),

rules as (

    select * from {{ ref('stg_templates__rules') }}

),

terms as (

    select * from {{ ref('stg_templates__rule_terms') }}

),

final as (

    select
        documents.doc_id,
        rules.template,
        rules.rule_id,
        rules.check_family,
        rules.claim_kind,
        rules.headline_key,
        rules.description,
        terms.term_no,
        terms.term_role,
        terms.term_sign,
        terms.table_key,
        terms.side,
        terms.measure_key,
        terms.selector,
        terms.row_key,
        terms.claim_role,
        terms.basis

    from rules
    inner join terms
        on rules.rule_id = terms.rule_id
    inner join documents
        on rules.template = documents.template

)

select * from final
