-- one row per table a document prints, and how it was read: its kind (empty where the description knows no
-- such table: a table the reader could not place), its pages and unit, how many figures it prints, and whether
-- its own arithmetic confirmed the reading (reading_status), with the evidence (the identities footed and
-- failed, the printed lines the failures need) and, where it is unconfirmed, the one note that says why; the
-- intake loads the tables of the documents it loads only (a quarantined document's are not there)
with

tables as (

    select * from {{ ref('stg_ingest__tables') }}
    where {{ in_batch() }}

),

final as (

    select
        tables.doc_id,
        tables.table_order,
        tables.table_key,
        tables.table_no_as_printed,
        tables.table_title_as_printed,
        tables.first_page,
        tables.last_page,
        tables.printed_unit,
        tables.figure_count,
        tables.reading_status,
        tables.identities_footed,
        tables.identities_failed,
        tables.failing_lines,
        tables.reading_note_zh,
        tables.reading_note_en

    from tables

)

select * from final
