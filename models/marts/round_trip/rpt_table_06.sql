-- table 6 (政府预算拨款收支总表) prints table 1's lines again (this department's
-- income is all fiscal grants), re-rendered the same way
select * from {{ ref('rpt_table_01') }}
