-- an acknowledged finding of a loaded document that no longer occurs means
-- the list is out of date (or the reader changed): say which
with

acknowledged as (

    select * from {{ ref('stg_reference__acknowledged_findings') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

findings as (

    select * from {{ ref('rpt_findings') }}

)

select acknowledged.*
from acknowledged
inner join documents
    on acknowledged.source_sha256 = documents.source_sha256
left join findings
    on acknowledged.source_sha256 = findings.source_sha256 and acknowledged.finding_id = findings.finding_id
where findings.finding_id is null
