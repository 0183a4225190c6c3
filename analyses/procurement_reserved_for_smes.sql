-- What share of government procurement is reserved for small and medium enterprises?
with

expenditure as (

    select * from {{ ref('fct_expenditure_by_function') }}

),

final as (

    select
        sum(procurement_total_amount) as procurement_total_amount,
        sum(procurement_sme_reserved_amount) as sme_reserved_amount,
        sum(procurement_small_micro_reserved_amount) as small_micro_reserved_amount,
        round(100 * sum(procurement_sme_reserved_amount) / sum(procurement_total_amount), 1) as sme_share_pct

    from expenditure

)

select * from final
