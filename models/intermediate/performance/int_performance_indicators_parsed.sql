-- table 12's indicators, one row per 三级指标, with the merged 一级/二级 cells
-- carried down and the printed target read into comparator, number and unit
with

indicators as (

    select * from {{ ref('stg_budget_document__table_12_performance_indicators') }}
    where {{ in_batch() }}

),

filled as (

    select
        *,
        {{ fill_down('indicator_level_1_as_printed', 'doc_id') }} as indicator_level_1,
        {{ fill_down('indicator_level_2_as_printed', 'doc_id') }} as indicator_level_2,
        try_cast(regexp_extract(target_as_printed, '^(\d{4})年\d{1,2}月', 1) as integer) as target_year,
        try_cast(regexp_extract(target_as_printed, '^\d{4}年(\d{1,2})月', 1) as integer) as target_month,
        try_cast(regexp_extract(target_as_printed, '^\d{4}年\d{1,2}月(\d{1,2})日', 1) as integer) as target_day

    from indicators

),

final as (

    select
        doc_id,
        source_line,
        line_no,
        indicator_level_1,
        indicator_level_2,
        indicator_name_as_printed as indicator_name,
        target_as_printed as target_text,
        case
            when target_as_printed like '≥%' then '≥'
            when target_as_printed like '≤%' then '≤'
            when target_as_printed like '%前' then '前'
            when target_as_printed like '%内' then '内'
            when regexp_matches(target_as_printed, '^\d+(\.\d+)?\D*$') then '='
        end as target_comparator,
        case
            when target_year is null
                then try_cast(regexp_extract(target_as_printed, '(\d+(?:\.\d+)?)', 1) as decimal(18, 2))
        end as target_value,
        case
            when target_year is not null then 'date'
            else nullif(regexp_extract(target_as_printed, '\d(%|次|项|人|分钟|天|小时|个)', 1), '')
        end as target_unit,
        -- a month without a day (2024年1月前) is read as the month's first day
        make_date(target_year, target_month, coalesce(target_day, 1)) as target_date

    from filled

)

select * from final
