-- the calendar: one row per day from 2000 to 2040, with its fiscal year (the
-- calendar year: China's fiscal year runs January to December). MetricFlow's
-- time spine: every metric's time dimension (the fiscal year a document is
-- of) joins to it.
with

days as (

    select cast(range as date) as date_day
    from range(date '2000-01-01', date '2041-01-01', interval 1 day)

),

final as (

    select
        date_day,
        cast(year(date_day) as integer) as fiscal_year

    from days

)

select * from final
