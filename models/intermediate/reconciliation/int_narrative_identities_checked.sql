-- family 5, the narrative: every figure a claim states equals the table
-- figure the template names for it (by the claim's 功能分类 code where it has
-- one), and a claim that lists parts adds up. One row per identity checked.
with

figures as (

    select * from {{ ref('int_figures_unioned') }}
    where {{ in_batch() }}

),

claims as (

    select * from {{ ref('int_claims_unioned') }}
    where {{ in_batch() }}

),

rule_terms as (

    select * from {{ ref('int_rule_terms_resolved') }}
    where
        check_family = 'narrative'
        and {{ in_batch() }}

),

claim_rules as (

    select
        claims.doc_id,
        claims.claim_id,
        claims.subject_code,
        claims.subject_key,
        claims.subject_as_printed,
        claims.unit_name,
        rule_terms.rule_id,
        rule_terms.description,
        rule_terms.term_role,
        rule_terms.term_sign,
        rule_terms.table_key,
        rule_terms.side,
        rule_terms.measure_key,
        rule_terms.selector,
        rule_terms.row_key,
        rule_terms.claim_role,
        rule_terms.basis

    from claims
    inner join rule_terms
        on claims.doc_id = rule_terms.doc_id and claims.claim_kind = rule_terms.claim_kind

),

-- the claim's own figures (the published one, and parts it lists itself)
claim_terms as (

    select
        claim_rules.*,
        figures.figure_id,
        figures.signed_amount_yuan as amount_yuan,
        figures.half_unit_yuan

    from claim_rules
    inner join figures
        on
            claim_rules.doc_id = figures.doc_id
            and claim_rules.claim_id = figures.claim_id
            and claim_rules.claim_role = figures.measure_key
    where claim_rules.selector = 'claim'

),

-- the table figures a claim is checked against: its unit's, or, for a claim
-- about the whole document, the document's line where the table prints one
-- and the sum over the units where it prints only theirs
table_candidates as (

    select
        claim_rules.*,
        figures.figure_id,
        figures.amount_yuan,
        figures.half_unit_yuan,
        figures.unit_name as figure_unit_name

    from claim_rules
    inner join figures
        on
            claim_rules.doc_id = figures.doc_id
            and claim_rules.table_key = figures.table_key
            and (claim_rules.side is null or claim_rules.side = figures.side)
            and claim_rules.measure_key = figures.measure_key
            and (claim_rules.basis is null or claim_rules.basis = figures.basis)
            and (
                (claim_rules.selector = 'code' and claim_rules.subject_code = figures.subject_code)
                or (claim_rules.selector = 'fixed_code' and claim_rules.row_key = figures.subject_code)
                or (claim_rules.selector = 'row' and claim_rules.row_key = figures.row_key)
                or (
                    claim_rules.selector = 'label'
                    and figures.row_key in ('project_line', 'project_category')
                    and claim_rules.subject_key = figures.row_label_key
                )
                or claim_rules.selector = 'table'
            )
    where
        claim_rules.selector != 'claim'
        and figures.source_kind = 'table'
        and (claim_rules.unit_name is null or figures.unit_name = claim_rules.unit_name)

),

table_terms as (

    select * exclude (figure_unit_name, basis)
    from table_candidates
    qualify
        unit_name is not null
        or figure_unit_name is null
        or not bool_or(figure_unit_name is null) over (
            partition by doc_id, claim_id, rule_id, table_key, measure_key, selector, row_key
        )

),

-- a check exists for every claim that states its published figure, and whose
-- subject is found in the tables where the rule compares code by code (an
-- unresolved subject is a finding of its own)
stated as (

    select distinct
        claim_terms.doc_id,
        claim_terms.claim_id,
        claim_terms.rule_id

    from claim_terms
    where
        claim_terms.term_role = 'published'
        and (
            claim_terms.subject_code is not null
            or claim_terms.rule_id not in (
                select code_rules.rule_id from claim_rules as code_rules
                where code_rules.selector = 'code'
            )
        )

),

terms as (

    select
        all_terms.doc_id,
        'narrative' as check_family,
        all_terms.rule_id,
        cast(null as varchar) as table_key,
        all_terms.unit_name,
        all_terms.subject_code,
        all_terms.figure_id,
        all_terms.term_role,
        all_terms.term_sign,
        all_terms.amount_yuan,
        all_terms.half_unit_yuan,
        all_terms.rule_id || ':' || all_terms.claim_id as check_id,
        coalesce(all_terms.subject_as_printed || ': ', '') || all_terms.description as description

    from (
        select * from claim_terms
        union all by name
        select * from table_terms
    ) as all_terms
    inner join stated
        on
            all_terms.doc_id = stated.doc_id
            and all_terms.claim_id = stated.claim_id
            and all_terms.rule_id = stated.rule_id

),

checks as (

    {{ checks_from_terms('terms') }}

),

-- a claim that lists no parts of a sum (a category named without its items)
-- states no sum
final as (

    select
        checks.*,
        stated.claim_id

    from checks
    inner join stated
        on checks.doc_id = stated.doc_id and checks.check_id = stated.rule_id || ':' || stated.claim_id
    where checks.part_count > 0 or checks.rule_id not in (
        select claim_parts.rule_id from rule_terms as claim_parts
        where claim_parts.term_role = 'part' and claim_parts.selector = 'claim'
    )

)

select * from final
