-- family 7, structure: what a document must print and how, as findings. A
-- table its template requires and it does not print; a column or a row the
-- template does not describe (its figures cannot be checked); a code printed
-- wrongly or without its parent; a line printed twice; a title or table
-- heading whose department or year differs from the cover's, a placeholder
-- name (XX局), no year at all; a claim whose subject no table names, a code
-- printed with two names (int_subject_names_checked). One row per finding.
with

documents as (

    select * from {{ ref('int_documents_unioned') }}
    where {{ in_batch() }}

),

template_tables as (

    select * from {{ ref('stg_templates__tables') }}

),

table_kinds as (

    select * from {{ ref('stg_templates__table_kinds') }}

),

tables as (

    select * from {{ ref('stg_ingest__tables') }}
    where {{ in_batch() }}

),

figures as (

    select * from {{ ref('int_figures_unioned') }}
    where {{ in_batch() }}

),

-- the names the document prints: a code printed with two names, or with one the catalogue does not give
-- it; a claim whose subject no table names
names as (

    select * from {{ ref('int_subject_names_checked') }}
    where {{ in_batch() }}

),

mentions as (

    select * from {{ ref('stg_ingest__mentions') }}
    where {{ in_batch() }}

),

-- the tables a document prints with figures under a title the template does not know (table_key empty)
unplaced as (

    select
        doc_id,
        string_agg(table_title_as_printed || '（第 ' || first_page || ' 页）', '；' order by table_order) as titles

    from tables
    where table_key is null
    group by doc_id

),

-- a required table not found is missing where the document prints no table the reader could not place;
-- where it does, the table may be printed under a title the description does not match: a reader note
missing_tables as (

    select
        documents.doc_id,
        'missing_table:' || template_tables.table_key as finding_id,
        case when unplaced.doc_id is null then 'missing_table' else 'table_not_found' end as finding_kind,
        case when unplaced.doc_id is null then 'error' else 'note' end as severity,
        template_tables.table_key,
        cast(null as integer) as page_no,
        'the template requires table ' || template_tables.table_order || ', ' || table_kinds.table_name_zh
        || ' (a title matching ' || template_tables.title_pattern || '); the document does not print it'
        || coalesce('; it prints tables the reader could not place: ' || unplaced.titles, '') as description,
        unplaced.titles as text_as_printed

    from documents
    inner join template_tables
        on documents.template = template_tables.template
    inner join table_kinds
        on template_tables.table_key = table_kinds.table_key
    left join unplaced
        on documents.doc_id = unplaced.doc_id
    -- documents read from a PDF: the seed document's tables are its seeds, all present by construction
    where
        template_tables.is_required
        and exists (
            select 1 from tables as read_tables
            where read_tables.doc_id = documents.doc_id
        )
        and not exists (
            select 1 from tables as printed
            where printed.doc_id = documents.doc_id and printed.table_key = template_tables.table_key
        )

),

table_figures as (

    select * from figures
    where source_kind = 'table'

),

unknown_columns as (

    select
        doc_id,
        'unknown_column:' || table_order || ':' || column_no as finding_id,
        'unknown_column' as finding_kind,
        'error' as severity,
        max(table_key) as table_key,
        min(page_no) as page_no,
        count(*) || ' figure(s) under a column the template does not describe: ' || max(column_header_as_printed) as description,
        max(column_header_as_printed) as text_as_printed

    from table_figures
    where measure_key is null
    group by doc_id, table_order, column_no

),

unknown_rows as (

    select
        doc_id,
        'unknown_row:' || table_order || ':' || row_no || ':' || coalesce(side, '') as finding_id,
        'unknown_row' as finding_kind,
        'error' as severity,
        max(table_key) as table_key,
        min(page_no) as page_no,
        'a line the template does not describe (neither a code, a 类 name nor a known summary line): '
        || max(row_label_as_printed) as description,
        max(row_label_as_printed) as text_as_printed

    from table_figures
    -- a line of an outline table is described by the line it is printed under
    where subject_code is null and row_key is null and parent_figure_id is null and table_key is not null
    group by doc_id, table_order, row_no, side

),

code_notes as (

    select distinct
        doc_id,
        'code:' || table_order || ':' || row_no as finding_id,
        'code' as finding_kind,
        case when code_note like '% read as %' and code_note not like 'class%' then 'note' else 'error' end as severity,
        table_key,
        page_no,
        code_note || ' (' || coalesce(row_label_as_printed, '') || ')' as description,
        code_as_printed as text_as_printed

    from table_figures
    where code_note is not null and code_note != ''

),

coded as (

    select
        *,
        left(subject_code, length(subject_code) - 2) as parent_code

    from table_figures
    where length(subject_code) in (5, 7)

),

orphans as (

    -- one per code of a table and unit, however often it is printed (at its first page)
    select
        coded.doc_id,
        'orphan_code:' || coded.table_order || ':' || coalesce(coded.unit_name, '') || ':' || coded.subject_code as finding_id,
        'orphan_code' as finding_kind,
        'error' as severity,
        min(coded.table_key) as table_key,
        min(coded.page_no) as page_no,
        'code ' || coded.subject_code || ' is printed without its parent ' || min(coded.parent_code) as description,
        min(coded.code_as_printed) as text_as_printed

    from coded
    where
        not exists (
            select 1 from table_figures as parents
            where
                parents.doc_id = coded.doc_id
                and parents.table_order = coded.table_order
                and parents.subject_code = coded.parent_code
                and parents.unit_name is not distinct from coded.unit_name
        )
    group by coded.doc_id, coded.table_order, coded.unit_name, coded.subject_code

),

duplicates as (

    select
        doc_id,
        'duplicate_line:' || table_order || ':' || coalesce(unit_name, '') || ':' || coalesce(subject_code, row_key) || ':'
        || measure_key || ':' || coalesce(side, '') || ':' || basis || ':' || coalesce(fund_key, '') as finding_id,
        'duplicate_line' as finding_kind,
        'error' as severity,
        max(table_key) as table_key,
        min(page_no) as page_no,
        'the line ' || coalesce(subject_code, row_key) || ' is printed ' || count(*) || ' times in the same column' as description,
        max(row_label_as_printed) as text_as_printed

    from table_figures
    where
        coalesce(subject_code, row_key) is not null
        and measure_key is not null
        -- lines a table prints many of: projects, categories, unlabelled lines, subtotals
        and coalesce(row_key, '') not in ('subtotal', 'project_line', 'project_category', 'blank_line')
    group by doc_id, table_order, unit_name, subject_code, row_key, measure_key, side, basis, fund_key
    -- the same line twice: one code under two labels is two lines (北京's
    -- basic table prints 30101 基本工资 under 50101 工资奖金津补贴 and under
    -- 50501 工资福利支出, the government economic class beside it)
    having count(*) > count(distinct coalesce(row_label_as_printed, ''))

),

-- a title or heading that names another year, or another department, than
-- the cover (a table heading left at last year, a 部分 title copied from
-- another department's disclosure)
mention_checks as (

    select distinct
        mentions.doc_id,
        'identity:' || mentions.page_no || ':' || left(md5(mentions.text_as_printed), 8) as finding_id,
        'identity' as finding_kind,
        'error' as severity,
        printed_tables.table_key,
        mentions.page_no,
        'the line prints '
        || case
            when mentions.fiscal_year_as_printed != documents.fiscal_year
                then 'the year ' || mentions.fiscal_year_as_printed || ', the cover ' || documents.fiscal_year
            else 'the department ' || mentions.department_as_printed || ', the cover ' || documents.department_name
        end as description,
        mentions.text_as_printed

    from mentions
    inner join documents
        on mentions.doc_id = documents.doc_id
    left join tables as printed_tables
        on mentions.doc_id = printed_tables.doc_id and mentions.table_order = printed_tables.table_order
    where
        mentions.fiscal_year_as_printed != documents.fiscal_year
        or (
            mentions.department_as_printed != documents.department_name
            -- a name wrapped or abbreviated inside the other is the same department
            and not contains(documents.department_name, mentions.department_as_printed)
            and not contains(mentions.department_as_printed, documents.department_name)
            and not regexp_matches(mentions.department_as_printed || documents.department_name, {{ placeholder_pattern() }})
        )

),

-- a document that names itself with a placeholder (上海市XX局): the blank
-- official template, where it is expected (a note), or a document published
-- without its name filled in (an error)
placeholders as (

    select
        documents.doc_id,
        'placeholder' as finding_id,
        'placeholder' as finding_kind,
        case
            when exists (
                select 1 from table_figures
                where table_figures.doc_id = documents.doc_id
            ) then 'error'
            else 'note'
        end as severity,
        cast(null as varchar) as table_key,
        min(mentions.page_no) as page_no,
        'the document names its department with a placeholder: ' || documents.department_name as description,
        documents.department_name as text_as_printed

    from documents
    left join mentions
        on documents.doc_id = mentions.doc_id
    where regexp_matches(documents.department_name, {{ placeholder_pattern() }})
    group by documents.doc_id, documents.department_name

),

-- a line left unfilled in a document that names itself (20XX年, ××万元, a 某某 heading): one finding per
-- page, quoting its first such line; a blank form, named with a placeholder itself, has its one finding above
placeholder_lines as (

    select
        mentions.doc_id,
        'placeholder:' || mentions.page_no as finding_id,
        'placeholder' as finding_kind,
        'error' as severity,
        cast(null as varchar) as table_key,
        mentions.page_no,
        'the page prints placeholder text where a figure or name belongs, in '
        || count(*) || ' line(s)' as description,
        arg_min(mentions.text_as_printed, mentions.mention_no) as text_as_printed

    from mentions
    inner join documents
        on mentions.doc_id = documents.doc_id
    where
        mentions.mention_kind = 'placeholder'
        and not regexp_matches(coalesce(documents.department_name, ''), {{ placeholder_pattern() }})
    group by mentions.doc_id, mentions.page_no

),

-- a table printed empty with nothing to say why: its note does not (本表为空表), nor does any sentence of
-- the narrative about what the table is of (本部门无国有资本经营预算). A blank form prints no figure at all
-- and is not held to it
empty_tables as (

    select
        doc_id,
        'empty_table:' || table_order as finding_id,
        'empty_table' as finding_kind,
        'error' as severity,
        table_key,
        first_page as page_no,
        'the table prints no figure, and neither its note nor the narrative says why' as description,
        table_title_as_printed as text_as_printed

    from tables
    where
        figure_count = 0
        and table_key is not null
        and empty_explained_as_printed is null
        and doc_id in (select table_figures.doc_id from table_figures)

),

-- a document read from a PDF whose cover, titles and headings print no year
missing_year as (

    select
        doc_id,
        'identity:no_year' as finding_id,
        'identity' as finding_kind,
        'error' as severity,
        cast(null as varchar) as table_key,
        cast(null as integer) as page_no,
        'neither the cover nor any table title prints the fiscal year' as description,
        cast(null as varchar) as text_as_printed

    from documents
    where
        fiscal_year is null
        and exists (
            select 1 from tables as read_tables
            where read_tables.doc_id = documents.doc_id
        )

),

-- a table whose reading its own arithmetic did not confirm (src/budget_warehouse/pdf/confirm.py): one
-- reader note per table says what did not foot; the checks that need its figures are not made
unconfirmed_tables as (

    select
        doc_id,
        'unconfirmed:' || table_order as finding_id,
        'unconfirmed_table' as finding_kind,
        'note' as severity,
        table_key,
        first_page as page_no,
        reading_note_en as description,
        reading_note_zh as text_as_printed

    from tables
    where reading_status = 'unconfirmed'

),

-- a table that prints nothing but zeros says there is nothing (the 0.00 of an empty form), as an empty one does
zero_tables as (

    select
        doc_id,
        table_order

    from table_figures
    group by doc_id, table_order
    having bool_and(value_as_printed = 0)

),

-- a table whose own note says it is empty (本表为空表, 无数据) but that prints figures
empty_notes as (

    select
        doc_id,
        'empty_note:' || table_order as finding_id,
        'empty_note' as finding_kind,
        'error' as severity,
        table_key,
        first_page as page_no,
        'the table prints ' || figure_count || ' figure(s) under a note that says it is empty: ' || note_as_printed
            as description,
        note_as_printed as text_as_printed

    from tables
    where
        figure_count > 0
        and regexp_matches(note_as_printed, '空表|无数据|没有.*故本表')
        and not exists (
            select 1 from zero_tables
            where zero_tables.doc_id = tables.doc_id and zero_tables.table_order = tables.table_order
        )

),

final as (

    select * from missing_tables
    union all
    select * from unknown_columns
    union all
    select * from unknown_rows
    union all
    select * from code_notes
    union all
    select * from orphans
    union all
    select * from duplicates
    union all
    select * from mention_checks
    union all
    select * from placeholders
    union all
    select * from placeholder_lines
    union all
    select * from empty_tables
    union all
    select * from missing_year
    union all
    select * from empty_notes
    union all
    select * from unconfirmed_tables
    union all
    select * from names

)

select * from final
