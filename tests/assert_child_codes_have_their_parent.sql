-- a 款 or 项 printed for a unit without its parent code printed for the same
-- unit in the same table: the hierarchy of that table is broken
with

coded_lines as (

    select * from {{ ref('int_coded_expenditure_lines_filled') }}

),

children as (

    select * from coded_lines
    where subject_code is not null and parent_code is not null

),

final as (

    select
        children.doc_id,
        children.table_no,
        children.source_line,
        children.unit_name,
        children.subject_code,
        children.subject_name_as_printed,
        children.parent_code as missing_parent_code

    from children
    left join coded_lines as parents
        on
            children.doc_id = parents.doc_id
            and children.table_no = parents.table_no
            and children.unit_name = parents.unit_name
            and children.parent_code = parents.subject_code
    where parents.subject_code is null

)

select * from final
