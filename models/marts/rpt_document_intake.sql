-- one row per file the build was given: loaded, or left out and why (not a
-- PDF, encrypted, scanned, truncated, an unknown template, the same file
-- twice, two files claiming one document, too slow or too large to read,
-- quarantined: read, but its rows broke a warehouse invariant); the seed
-- document, loaded from its committed seeds, is listed too
with

intake as (

    select * from {{ ref('stg_ingest__intake') }}

),

seed_documents as (

    select * from {{ ref('stg_budget_document__documents') }}

),

from_files as (

    select
        file_path,
        source_sha256,
        file_bytes,
        intake_status,
        intake_reason,
        intake_message,
        doc_id,
        template,
        page_count,
        figure_count,
        read_seconds,
        from_cache

    from intake

),

from_seeds as (

    select
        source_file as file_path,
        source_sha256,
        cast(null as bigint) as file_bytes,
        'loaded' as intake_status,
        'committed_seeds' as intake_reason,
        source_file || ': loaded from its committed seeds (seeds/document/), transcribed by the Shenzhen text reader'
            as intake_message,
        doc_id,
        template,
        cast(null as integer) as page_count,
        cast(null as integer) as figure_count,
        cast(null as decimal(10, 3)) as read_seconds,
        false as from_cache

    from seed_documents
    where not exists (
        select 1 from intake
        where intake.doc_id = seed_documents.doc_id
    )

),

final as (

    select * from from_files
    union all
    select * from from_seeds

)

select * from final
