-- one row per page of financial tables a document read from a PDF prints (a
-- page that prints a table's title, or continues one): the amounts its grids
-- print, whatever table they belong to and whether or not the description
-- knows it (less codes, column numbers and performance indicators' values:
-- src/budget_warehouse/pdf/coverage.py), and how many of them the warehouse
-- publishes as figures of that page. What a document prints that nobody reads
with

pages as (

    select * from {{ ref('stg_ingest__pages') }}
    where {{ in_batch() }}

),

documents as (

    select * from {{ ref('int_documents_unioned') }}
    where {{ in_batch() }}

),

final as (

    select
        pages.doc_id,
        pages.page_no,
        pages.table_title_as_printed,
        pages.amounts_printed,
        pages.amounts_read,
        pages.amounts_printed - pages.amounts_read as amounts_unread

    from pages
    inner join documents
        on pages.doc_id = documents.doc_id

)

select * from final
