with

source as (

    select * from {{ document_input('budget_unit_aliases') }}

),

renamed as (

    select
        cast(department_name as varchar) as department_name,
        cast(alias_name as varchar) as alias_name,
        cast(unit_name as varchar) as unit_name

    from source

)

select * from renamed
