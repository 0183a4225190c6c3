-- Where do the document's own figures disagree, and by how much (the 尾数误差 it warns about)?
with

reconciliation as (

    select * from {{ ref('rpt_reconciliation') }}

),

final as (

    select
        table_no,
        unit_name,
        subject_code,
        description,
        published_amount,
        derived_amount,
        difference,
        tolerance,
        status

    from reconciliation
    where status != 'exact'

)

select * from final
order by table_no, unit_name, subject_code
