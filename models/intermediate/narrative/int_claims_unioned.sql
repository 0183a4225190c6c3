-- every claim of every narrative: read by the intake from the PDFs' text, and
-- from the seed document's hand-transcribed narrative, where a claim is a
-- printed line (and the unit it speaks of), its kind that of its first figure
with

read_claims as (

    select * from {{ ref('stg_ingest__claims') }}
    where {{ in_batch() }}

),

seed_narrative as (

    select * from {{ ref('int_narrative_figures_resolved') }}
    where {{ in_batch() }}

),

seed_claims as (

    select
        doc_id,
        'line' || source_line || coalesce(':' || unit_name, '') as claim_id,
        cast(null as integer) as page_no,
        source_line,
        arg_min(measure_key, figure_no) as claim_kind,
        arg_min(subject_label, figure_no) as subject_as_printed,
        cast(null as varchar) as subject_code,
        unit_name,
        arg_min(direction_as_printed, figure_no) as direction_as_printed,
        cast(null as varchar) as sentence_as_printed,
        cast(null as varchar) as resolution_note,
        cast(null as varchar) as directions_as_printed,
        cast(null as varchar) as printed_in

    from seed_narrative
    group by doc_id, source_line, unit_name

),

from_files as (

    select
        doc_id,
        claim_id,
        page_no,
        cast(null as integer) as source_line,
        claim_kind,
        subject_as_printed,
        subject_code,
        cast(null as varchar) as unit_name,
        direction_as_printed,
        sentence_as_printed,
        resolution_note,
        directions_as_printed,
        printed_in

    from read_claims

),

unioned as (

    select * from from_files
    union all by name
    select * from seed_claims

),

final as (

    select
        *,
        {{ label_key('subject_as_printed') }} as subject_key

    from unioned

)

select * from final
