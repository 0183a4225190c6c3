-- coverage: every number the document prints takes part in at least one
-- identity of the reconciliation; the rows returned are the unchecked ones
select * from {{ ref('rpt_unchecked_figures') }}
