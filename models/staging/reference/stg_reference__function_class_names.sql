with

source as (

    select * from {{ ref('function_class_names') }}

),

renamed as (

    select
        function_class_code,
        function_class_name,
        name_in_use

    from source

)

select * from renamed
