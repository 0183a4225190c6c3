-- a bulk load's aliases are read from its files: a table, recomputed by every
-- build (they are keyed by department, not by document)
{{ config(materialized='table' if var('input_path', '') else 'view') }}

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
