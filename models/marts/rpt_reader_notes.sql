-- what the reader could not place, apart from the findings: a row or a
-- column of a recognized table it does not know (a class printed by a name
-- the catalogue of classification names does not know), a code read without
-- its parent, a code printed with a name other than the catalogue's, a
-- line printed twice in one column (units it cannot tell apart), a check none
-- of whose parts was read (not made, and not passed),
-- and a check whose parts add up to twice the printed total or more (a
-- misreading until the page shows otherwise). None of these says the
-- document is wrong; each names its page, in Chinese and English
with

structure as (

    select * from {{ ref('int_document_structure_checked') }}
    where
        finding_kind in {{ reader_note_kinds() }}
        and {{ in_batch() }}

),

reconciliation as (

    select * from {{ ref('rpt_reconciliation') }}
    -- a check not made because its table's reading is unconfirmed: the table's one note says why
    where
        status in ('not_checked', 'implausible')
        and not needs_unconfirmed_reading
        and {{ in_batch() }}

),

placements as (

    select
        doc_id,
        finding_id as note_id,
        finding_kind as note_kind,
        table_key,
        page_no,
        case finding_kind
            when 'unknown_row'
                then
                    '第 ' || coalesce(cast(page_no as varchar), '?') || ' 页：行“' || coalesce(text_as_printed, '')
                    || '”未能定位（不是编码、类名，也不是已知的汇总行），需要它的核对未做'
            when 'unconfirmed_table' then text_as_printed
            when 'table_not_found'
                then
                    '应有的表“' || coalesce(table_key, '') || '”未找到；文档另印有未能识别标题的表：' || coalesce(text_as_printed, '')
                    || '，可能即是此表，故不作为缺表报告'
            when 'duplicate_line'
                then
                    '第 ' || coalesce(cast(page_no as varchar), '?') || ' 页：' || coalesce(text_as_printed, '')
                    || ' 这一行在同一列中印了不止一次（多个单位或项目的行未标明），未能分别定位'
            when 'catalogue_name'
                then
                    '第 ' || coalesce(cast(page_no as varchar), '?') || ' 页：编码印作“' || coalesce(text_as_printed, '')
                    || '”，与分类科目目录当年的名称不同（' || description || '）'
            when 'unknown_column'
                then
                    '第 ' || coalesce(cast(page_no as varchar), '?') || ' 页：列“' || coalesce(text_as_printed, '')
                    || '”下的数字未能定位，需要它们的核对未做'
            else
                '第 ' || coalesce(cast(page_no as varchar), '?') || ' 页：' || coalesce(text_as_printed, '')
                || ' 读到了编码，却未读到其上级科目'
        end as description_zh,
        case
            when finding_kind = 'unconfirmed_table' then description
            else 'p. ' || coalesce(cast(page_no as varchar), '?') || ': ' || description
        end
        || case
            when finding_kind = 'unconfirmed_table' then ''
            when finding_kind = 'table_not_found' then ' (possibly printed under a title the description does not match)'
            when finding_kind = 'orphan_code' then ' (read without its parent line)'
            when finding_kind = 'duplicate_line' then ' (the lines of several units or projects, not told apart)'
            when finding_kind = 'catalogue_name' then ''
            else '; not placed'
        end
            as description_en,
        text_as_printed,
        cast(null as varchar) as check_id

    from structure

),

checks as (

    select
        doc_id,
        status || ':' || check_id as note_id,
        status as note_kind,
        table_key,
        page_no,
        case status
            when 'not_checked'
                then
                    '第 ' || coalesce(cast(page_no as varchar), '?') || ' 页：核对“' || description
                    || '”未做：它的组成项一个也没有读到'
            else
                '第 ' || coalesce(cast(page_no as varchar), '?') || ' 页：核对“' || description || '”的各项之和是所印合计 '
                || coalesce(published_text_as_printed, '') || ' 的 '
                || cast(round(derived_value / published_value, 1) as varchar)
                || ' 倍：按误读处理，待核对原页'
        end as description_zh,
        case status
            when 'not_checked'
                then
                    'p. ' || coalesce(cast(page_no as varchar), '?') || ': check "' || description
                    || '" not made: none of its parts was read'
            else
                'p. ' || coalesce(cast(page_no as varchar), '?') || ': the parts of "' || description || '" add to '
                || cast(round(derived_value / published_value, 1) as varchar) || ' times the printed '
                || coalesce(published_text_as_printed, '') || ': a misreading until the page shows otherwise'
        end as description_en,
        published_text_as_printed as text_as_printed,
        check_id

    from reconciliation

),

notes as (

    select * from placements
    union all
    select * from checks

),

final as (

    select
        doc_id,
        note_id,
        note_kind,
        table_key,
        page_no,
        description_zh,
        description_en,
        text_as_printed,
        check_id

    from notes

)

select * from final
