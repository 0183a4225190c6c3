with

source as (

    select * from {{ document_input('documents') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(fiscal_year as integer) as fiscal_year,
        cast(department_name as varchar) as department_name,
        cast(budget_phase as varchar) as budget_phase,
        cast(scope as varchar) as scope,
        cast(region as varchar) as region,
        cast(region_level as varchar) as region_level,
        cast(template as varchar) as template,
        cast(title_as_printed as varchar) as title_as_printed,
        cast(currency as varchar) as currency,
        cast(amount_unit as varchar) as amount_unit,
        cast(amount_factor as integer) as amount_factor,
        cast(source_file as varchar) as source_file,
        cast(source_sha256 as varchar) as source_sha256

    from source

)

select * from renamed
