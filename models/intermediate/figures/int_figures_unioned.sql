-- every number every document prints, tables and narrative, in one shape:
-- where it is printed (page or source line), what row and column it sits in,
-- what the template says the row and the column mean, the text as printed,
-- and its value in 元, exactly (a figure printed in 万元 to 0.01 is a whole
-- number of 元; one printed in 元 keeps its 分)
with

read_figures as (

    select * from {{ ref('stg_ingest__figures') }}
    where {{ in_batch() }}

),

seed_figures as (

    select * from {{ ref('int_seed_figures_mapped') }}
    where {{ in_batch() }}

),

figures as (

    select
        doc_id,
        figure_id,
        source_kind,
        page_no,
        cast(null as integer) as source_line,
        cast(null as varchar) as seed_name,
        cast(null as varchar) as seed_column,
        table_key,
        table_order,
        table_no_as_printed,
        table_title_as_printed,
        unit_name,
        row_no,
        column_no,
        side,
        row_label_as_printed,
        code_as_printed,
        subject_kind,
        subject_code,
        code_note,
        row_key,
        column_header_as_printed,
        measure_key,
        cast(null as varchar) as fund_key,
        basis,
        claim_id,
        direction_as_printed,
        parent_figure_id,
        reading_status,
        figure_text_as_printed,
        printed_unit,
        printed_decimals,
        value_as_printed

    from read_figures
    union all by name
    select * from seed_figures

),

final as (

    select
        *,
        {{ label_key('row_label_as_printed') }} as row_label_key,
        {{ yuan_factor('printed_unit') }} as yuan_factor,
        cast(value_as_printed * {{ yuan_factor('printed_unit') }} as decimal(20, 2)) as amount_yuan,
        -- a change the narrative states as a word and a magnitude (减少 0.33
        -- 万元) is -0.33 万元 when compared with a table's printed change
        cast(
            value_as_printed * {{ yuan_factor('printed_unit') }}
            * case
                when source_kind = 'narrative' and measure_key like '%change' and {{ direction_sign('direction_as_printed') }} = -1
                    then -1
                else 1
            end as decimal(20, 2)
        ) as signed_amount_yuan,
        -- half the last printed digit, in 元: how far the printed figure may be
        -- from the value it rounds
        cast(0.5 * pow(10, -printed_decimals) * {{ yuan_factor('printed_unit') }} as decimal(20, 4)) as half_unit_yuan

    from figures

)

select * from final
