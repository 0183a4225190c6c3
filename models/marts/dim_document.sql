with

documents as (

    select * from {{ ref('stg_budget_document__documents') }}

),

final as (

    select
        doc_id,
        department_name,
        fiscal_year,
        budget_phase,
        currency,
        amount_unit,
        amount_factor,
        title_as_printed,
        source_file,
        source_sha256

    from documents

)

select * from final
