-- every finding about every document, what an analyst reads first: each
-- identity beyond rounding (mismatch) and each structural problem, with the
-- page (or source line) to open, and whether the project has verified it
-- against the printed page (acknowledged: the shipped documents' known errors).
-- Each finding also reads as a reviewer acts on it, in Chinese and in English:
-- the page(s), the printed text quoted, and the arithmetic in the unit the
-- document printed (第 9 页：“项目支出”印 25,769.81 万元，但其下各行相加为 …)
with

reconciliation as (

    select * from {{ ref('rpt_reconciliation') }}
    where {{ in_batch() }}

),

-- what the reader could not place is a reader note (rpt_reader_notes), never a finding
structure as (

    select * from {{ ref('int_document_structure_checked') }}
    where
        finding_kind not in {{ reader_note_kinds() }}
        and {{ in_batch() }}

),

documents as (

    select * from {{ ref('int_documents_unioned') }}
    where {{ in_batch() }}

),

figures as (

    select * from {{ ref('int_figures_unioned') }}
    where {{ in_batch() }}

),

claims as (

    select * from {{ ref('int_claims_unioned') }}
    where {{ in_batch() }}

),

acknowledged as (

    select * from {{ ref('stg_reference__acknowledged_findings') }}

),

mismatched as (

    select * from reconciliation
    where status in ('mismatch', 'truncated')

),

-- the pages of every figure a check uses, and the unit its parts are printed in
part_pages as (

    select
        mismatched.doc_id,
        mismatched.check_id,
        list(distinct figures.page_no order by figures.page_no) filter (where figures.page_no is not null) as pages,
        max(figures.printed_unit) filter (where figures.source_kind = 'table') as parts_unit

    from mismatched
    inner join figures
        on mismatched.doc_id = figures.doc_id and list_contains(mismatched.figure_ids, figures.figure_id)
    group by mismatched.doc_id, mismatched.check_id

),

located as (

    select
        mismatched.*,
        published.row_label_as_printed as published_label,
        published.column_header_as_printed as published_column,
        claims.sentence_as_printed,
        claims.printed_in,
        claims.directions_as_printed,
        claims.direction_as_printed,
        claims.page_no as claim_page_no,
        coalesce(mismatched.printed_unit, part_pages.parts_unit) as display_unit,
        list_distinct(
            list_concat(
                case when mismatched.page_no is not null then [mismatched.page_no] else [] end,
                case when claims.page_no is not null then [claims.page_no] else [] end,
                coalesce(part_pages.pages, [])
            )
        ) as pages

    from mismatched
    left join part_pages
        on mismatched.doc_id = part_pages.doc_id and mismatched.check_id = part_pages.check_id
    left join figures as published
        on mismatched.doc_id = published.doc_id and mismatched.published_figure_id = published.figure_id
    left join claims
        on mismatched.doc_id = claims.doc_id and mismatched.claim_id = claims.claim_id

),

-- the figures as the reader reads them: in the document's unit where they are money
shown as (

    select
        *,
        list_sort(pages) as sorted_pages,
        coalesce({{ display_value('derived_value', 'value_unit', 'display_unit') }}, '—') as derived_shown,
        coalesce({{ display_value('abs(difference)', 'value_unit', 'display_unit') }}, '—') as difference_shown,
        coalesce({{ display_value('tolerance', 'value_unit', 'display_unit') }}, '—') as tolerance_shown,
        case when value_unit = '元' then coalesce(display_unit, '元') else coalesce(value_unit, '') end as shown_unit,
        -- the sentence up to the printed figure (60 characters before it at most), or the line and column
        coalesce(
            '“' || case
                when strpos(sentence_as_printed, published_text_as_printed) > 61
                    then '…' || substr(
                        sentence_as_printed,
                        strpos(sentence_as_printed, published_text_as_printed) - 60,
                        60 + length(published_text_as_printed) + 2
                    ) || '…'
                when strpos(sentence_as_printed, published_text_as_printed) > 0
                    then left(
                        sentence_as_printed,
                        strpos(sentence_as_printed, published_text_as_printed) + length(published_text_as_printed) + 1
                    ) || '…'
                when length(sentence_as_printed) > 120 then left(sentence_as_printed, 120) || '…'
                else sentence_as_printed
            end || '”',
            '“' || trim(published_label, '“”"') || '”' || coalesce('（' || published_column || '）', ''),
            ''
        ) as quoted

    from located

),

messages as (

    select
        *,
        case
            when len(sorted_pages) > 0 then '第 ' || array_to_string(sorted_pages, '、') || ' 页'
            when source_line is not null then '第 ' || source_line || ' 行'
            else '全文'
        end || coalesce('（' || printed_in || '）', '') as where_zh,
        case
            when len(sorted_pages) > 1 then 'pp. ' || array_to_string(sorted_pages, ', ')
            when len(sorted_pages) = 1 then 'p. ' || sorted_pages[1]
            when source_line is not null then 'line ' || source_line
            else 'the document'
        end || coalesce(' (' || printed_in || ')', '') as where_en

    from shown

),

mismatches as (

    select
        doc_id,
        check_id as finding_id,
        check_family as finding_kind,
        case when status = 'truncated' then 'note' else 'error' end as severity,
        table_key,
        coalesce(page_no, claim_page_no, sorted_pages[1]) as page_no,
        source_line,
        description
        || ': printed ' || coalesce(published_text_as_printed, 'nothing') || coalesce(' ' || printed_unit, '')
        || coalesce(
            ', the parts give ' || cast(derived_value as varchar) || ' ' || value_unit
            || ' (difference ' || cast(difference as varchar) || ', tolerance ' || cast(tolerance as varchar) || ')',
            ', which the parts cannot give (a share of a whole of 0, or a figure the identity needs is not printed)'
        ) as description,
        published_text_as_printed as text_as_printed,
        figure_ids,
        where_zh || '：' || quoted
        || case
            when check_family = 'direction' and rule_id is null
                then '，同一句中的方向词相互矛盾（' || coalesce(directions_as_printed, '') || '）'
            when check_family = 'direction'
                then
                    '，说“' || coalesce(direction_as_printed, '') || '”，但所印两数 ' || coalesce(compared_as_printed, '')
                    || '（' || shown_unit || '）'
            when derived_value is null
                then
                    '，印有 ' || coalesce(published_text_as_printed, '（空）') || coalesce(' ' || printed_unit, '')
                    || '，但无法由各分项得出（所需数字未印，或其整体为 0）'
            when status = 'truncated'
                then
                    '，印 ' || coalesce(published_text_as_printed, '（空）') || ' ' || shown_unit || '，按各分项应为 '
                    || derived_shown || ' ' || shown_unit || '：末位系截断而非四舍五入'
            else
                '，印 ' || coalesce(published_text_as_printed, '（空）') || ' ' || shown_unit || '，但'
                || case check_family
                    when 'row' then '同行各栏相加'
                    when 'balance' then '收支两方相抵'
                    when 'hierarchy' then '其下各行相加'
                    when 'item' then '各分项相加'
                    when 'repeat' then '另一张表所印'
                    when 'narrative' then '表中对应数字'
                    when 'percent' then '按所引金额计算'
                    when 'difference' then '所印两数之差'
                    when 'count' then '表中所列单位数'
                    else '各分项'
                end
                || '为 ' || derived_shown || ' ' || shown_unit || '，相差 ' || difference_shown || ' ' || shown_unit
                || '（舍入至多容许 ' || tolerance_shown || ' ' || shown_unit || '）'
        end as message_zh,
        where_en || ': ' || quoted
        || case
            when check_family = 'direction' and rule_id is null
                then ' uses direction words that contradict each other (' || coalesce(directions_as_printed, '') || ')'
            when check_family = 'direction'
                then
                    ' says “' || coalesce(direction_as_printed, '') || '”, but the figures it compares are '
                    || coalesce(compared_as_printed, '') || ' (' || shown_unit || ')'
            when derived_value is null
                then
                    ' prints ' || coalesce(published_text_as_printed, 'nothing') || coalesce(' ' || printed_unit, '')
                    || ', which its parts cannot give (a figure they need is not printed, or their whole is 0)'
            when status = 'truncated'
                then
                    ' prints ' || coalesce(published_text_as_printed, 'nothing') || ' ' || shown_unit
                    || ', its parts give ' || derived_shown || ' ' || shown_unit || ': the last digit cut off, not rounded'
            else
                ' prints ' || coalesce(published_text_as_printed, 'nothing') || ' ' || shown_unit || ', but '
                || case check_family
                    when 'row' then 'the columns of its line add up to '
                    when 'balance' then 'income less expenditure gives '
                    when 'hierarchy' then 'the lines under it add up to '
                    when 'item' then 'its items add up to '
                    when 'repeat' then 'the other table prints '
                    when 'narrative' then 'the tables print '
                    when 'percent' then 'the amounts it names give '
                    when 'difference' then 'the two levels it prints differ by '
                    when 'count' then 'the tables list '
                    else 'the parts give '
                end
                || derived_shown || ' ' || shown_unit || ' (a difference of ' || difference_shown
                || '; the rounding allows ' || tolerance_shown || ' ' || shown_unit || ')'
        end || ' [' || description || ']' as message_en

    from messages

),

structural as (

    select
        doc_id,
        finding_id,
        finding_kind,
        severity,
        table_key,
        page_no,
        cast(null as integer) as source_line,
        description,
        text_as_printed,
        cast(null as varchar[]) as figure_ids,
        coalesce('第 ' || page_no || ' 页', '全文') || '：'
        || case finding_kind
            when 'missing_table' then '未印本文件应有的表：' || description
            when 'identity' then '所印年度或部门与封面不同：“' || coalesce(text_as_printed, '') || '”'
            when 'placeholder' then '印有占位文字（XX、××、某某、〇〇），此处应为名称或数字：“' || coalesce(text_as_printed, '') || '”'
            when 'empty_note' then '表注称本表为空，但表中印有数字：“' || coalesce(text_as_printed, '') || '”'
            when 'empty_table' then '表中未印任何数字，表注与说明均未说明原因：“' || coalesce(text_as_printed, '') || '”'
            when 'claim_subject' then '说明中的科目“' || coalesce(text_as_printed, '') || '”与表中所印科目不能对应'
            when 'code' then '科目编码有误：“' || coalesce(text_as_printed, '') || '”'
            else coalesce('“' || text_as_printed || '”', '')
        end as message_zh,
        coalesce('p. ' || page_no, 'the document') || ': ' || description
        || coalesce(' (printed: “' || text_as_printed || '”)', '') as message_en

    from structure

),

findings as (

    select * from mismatches
    union all by name
    select * from structural

),

final as (

    select
        findings.doc_id,
        findings.finding_id,
        documents.source_sha256,
        findings.finding_kind,
        findings.severity,
        findings.table_key,
        findings.page_no,
        findings.source_line,
        findings.description,
        findings.message_zh,
        findings.message_en,
        findings.text_as_printed,
        findings.figure_ids,
        acknowledged.verdict,
        acknowledged.explanation,
        acknowledged.finding_id is not null as is_acknowledged

    from findings
    inner join documents
        on findings.doc_id = documents.doc_id
    left join acknowledged
        on documents.source_sha256 = acknowledged.source_sha256 and findings.finding_id = acknowledged.finding_id

)

select * from final
