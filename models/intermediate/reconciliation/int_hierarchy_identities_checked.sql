-- family 2, hierarchies: in every coded table, a printed 类 equals the sum of
-- its 款 printed under it and a 款 the sum of its 项, column by column; the
-- table's 合计 line equals the sum of its 类 (or of its top lines where no 类 is printed); and where a table prints budget
-- units, a department line equals the sum of the same line of its units; in
-- an outline table (政府采购), a row equals the sum of the rows the reader
-- placed under it. Nothing here is template-specific: codes, and the
-- reader's outline, say which line is whose parent.
with

-- only the columns the links use (the CTE is read five times: its rows are every figure of the batch, so every
-- column costs memory); figure_key (document and figure in one value) joins a link to its two figures without
-- a join on the document alone, which the planner could otherwise choose and multiply every figure of a
-- document by every other; column_key (the same column of the same table, macros/same_column.sql) is every
-- link's key in one value, so each join is one equality, a hash join whatever the documents
figures as (

    select
        doc_id,
        figure_id,
        parent_figure_id,
        table_order,
        unit_name,
        subject_code,
        row_key,
        amount_yuan,
        half_unit_yuan,
        doc_id || '|' || figure_id as figure_key,
        {{ same_column() }} as column_key,
        {{ same_column(with_unit=false) }} as unit_column_key

    from {{ ref('int_figures_unioned') }}
    where
        source_kind = 'table' and table_key is not null
        and {{ in_batch() }}

),

coded as (

    select
        *,
        case when length(subject_code) in (5, 7) then left(subject_code, length(subject_code) - 2) end as parent_code

    from figures
    where subject_code is not null

),

-- a parent line with each line printed under it in the same column
code_links as (

    select
        parents.doc_id,
        parents.figure_key as parent_key,
        children.figure_key as child_key

    from coded as children
    inner join coded as parents
        on
            children.column_key = parents.column_key
            and children.parent_code = parents.subject_code

),

-- the lines of a column printed with no line of theirs above them: the 类, or a 款 or 项 whose 类 (and
-- 款) the table does not print (a table of 项 lines only adds its 项 up to its 合计). A code's lines
-- above it are its 类 and 款, the first three and five digits: found by equality, never by a prefix
-- comparison, which no hash join can serve
printed_codes as (

    select distinct
        column_key,
        subject_code

    from coded

),

ancestors as (

    select
        figure_key,
        column_key,
        left(subject_code, 3) as ancestor_code

    from coded
    where length(subject_code) > 3
    union all
    select
        figure_key,
        column_key,
        left(subject_code, 5) as ancestor_code

    from coded
    where length(subject_code) > 5

),

printed_under_another as (

    select distinct ancestors.figure_key

    from ancestors
    inner join printed_codes
        on
            ancestors.column_key = printed_codes.column_key
            and ancestors.ancestor_code = printed_codes.subject_code

),

top_lines as (

    select coded.*

    from coded
    anti join printed_under_another
        on coded.figure_key = printed_under_another.figure_key

),

-- the 合计 line of a coded table with each top line of the same column (and unit)
total_links as (

    select
        totals.doc_id,
        totals.figure_key as parent_key,
        classes.figure_key as child_key

    from figures as totals
    inner join top_lines as classes
        on totals.column_key = classes.column_key
    where totals.row_key = 'total' and totals.subject_code is null

),

-- a department line with the same line of every unit
unit_links as (

    select
        department.doc_id,
        department.figure_key as parent_key,
        units.figure_key as child_key

    from figures as department
    inner join figures as units
        on
            department.unit_column_key = units.unit_column_key
            and department.row_key = units.row_key
            and units.unit_name is not null
    where department.unit_name is null and department.row_key is not null and department.subject_code is null

),

-- a row of an outline table with each row under it
outline_links as (

    select
        doc_id,
        figure_key as child_key,
        doc_id || '|' || parent_figure_id as parent_key

    from figures
    where parent_figure_id is not null

),

links as (

    select * from code_links
    union all by name
    select * from total_links
    union all by name
    select * from unit_links
    union all by name
    select * from outline_links

),

parents as (

    select distinct parent_key
    from links

),

-- what a check says, once per check (its published figure's line and column), not once per term
described as (

    select
        figures.doc_id,
        figures.table_key,
        figures.unit_name,
        figures.subject_code,
        figures.figure_id,
        figures.amount_yuan,
        figures.half_unit_yuan,
        'hierarchy:' || figures.figure_id as check_id,
        coalesce(figures.row_label_as_printed, figures.row_key, '')
        || ': '
        || coalesce(figures.column_header_as_printed, figures.measure_key)
        || ' = sum of the lines under it' as description

    from {{ ref('int_figures_unioned') }} as figures
    inner join parents
        on figures.doc_id || '|' || figures.figure_id = parents.parent_key
    where {{ in_batch('figures.doc_id') }}

),

-- the published figure of each check, with what the check says; its parts, with their amounts alone (the
-- check's attributes are its published figure's: macros/reconciliation.sql)
terms as (

    select
        doc_id,
        'hierarchy' as check_family,
        cast(null as varchar) as rule_id,
        check_id,
        table_key,
        unit_name,
        subject_code,
        description,
        figure_id,
        'published' as term_role,
        1 as term_sign,
        amount_yuan,
        half_unit_yuan
    from described
    union all
    select
        links.doc_id,
        'hierarchy' as check_family,
        cast(null as varchar) as rule_id,
        'hierarchy:' || parents.figure_id as check_id,
        cast(null as varchar) as table_key,
        cast(null as varchar) as unit_name,
        cast(null as varchar) as subject_code,
        cast(null as varchar) as description,
        children.figure_id,
        'part' as term_role,
        1 as term_sign,
        children.amount_yuan,
        children.half_unit_yuan
    from links
    inner join figures as parents
        on links.parent_key = parents.figure_key
    inner join figures as children
        on links.child_key = children.figure_key

),

final as (

    {{ checks_from_terms('terms') }}

)

select * from final
