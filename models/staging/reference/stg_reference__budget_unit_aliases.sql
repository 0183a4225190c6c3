with

source as (

    select * from {{ ref('budget_unit_aliases') }}

),

renamed as (

    select
        cast(department_name as varchar) as department_name,
        cast(alias_name as varchar) as alias_name,
        cast(unit_name as varchar) as unit_name

    from source

)

select * from renamed
