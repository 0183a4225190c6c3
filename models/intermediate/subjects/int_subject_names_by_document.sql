-- every name a classification code is printed with, per document: the
-- names the subject dimensions read (through int_subject_names_printed),
-- with the document that printed each and the first page it is on, so a
-- broken key of a dimension built from names can be traced to its documents
with

figures as (

    select * from {{ ref('int_figures_unioned') }}
    where
        source_kind = 'table' and subject_code is not null and subject_kind is not null
        and {{ in_batch() }}

),

documents as (

    select * from {{ ref('int_documents_unioned') }}
    where {{ in_batch() }}

),

final as (

    select
        figures.doc_id,
        figures.subject_kind,
        figures.subject_code,
        documents.fiscal_year,
        {{ printed_subject_name('figures.row_label_as_printed') }} as name_as_printed,
        min(figures.page_no) as first_page_no

    from figures
    inner join documents
        on figures.doc_id = documents.doc_id
    where nullif(trim(figures.row_label_as_printed), '') is not null
    group by all

)

select * from final
