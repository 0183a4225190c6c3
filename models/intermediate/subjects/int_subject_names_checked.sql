-- the names a document prints for its subjects, checked, in the shape of the
-- structure checks (int_document_structure_checked unions them): a code the
-- document prints with two names (it contradicts itself: a finding); a code
-- printed with a name other than the catalogue's for its fiscal year
-- (seeds/reference/classification_subjects.csv: a reader note, since the
-- catalogue is what most documents print, not a rule); and a claim of the
-- narrative whose subject no table names
with

figures as (

    select * from {{ ref('int_figures_unioned') }}
    where
        source_kind = 'table'
        and subject_kind in ('function', 'economic')
        and nullif(trim(code_as_printed), '') is not null
        and nullif(trim(row_label_as_printed), '') is not null
        and {{ in_batch() }}

),

documents as (

    select * from {{ ref('int_documents_unioned') }}
    where {{ in_batch() }}

),

catalogue as (

    select * from {{ ref('stg_reference__classification_subjects') }}

),

claims as (

    select * from {{ ref('int_claims_unioned') }}
    where {{ in_batch() }}

),

-- each name a printed code is printed with, as printed (its first page and table)
printed as (

    select
        figures.doc_id,
        figures.subject_kind,
        figures.subject_code,
        documents.fiscal_year,
        {{ printed_subject_name('figures.row_label_as_printed') }} as name_as_printed,
        min(figures.page_no) as page_no,
        arg_min(figures.table_key, figures.page_no) as table_key

    from figures
    inner join documents
        on figures.doc_id = documents.doc_id
    group by all

),

by_code as (

    select
        doc_id,
        subject_kind,
        subject_code,
        fiscal_year,
        count(*) as name_count,
        min(page_no) as page_no,
        arg_min(table_key, page_no) as table_key,
        string_agg('“' || name_as_printed || '”（第 ' || page_no || ' 页）', '、' order by page_no, name_as_printed)
            as names_printed,
        min(name_as_printed) as name_as_printed

    from printed
    group by all

),

contradictions as (

    select
        doc_id,
        'subject_name:' || subject_kind || ':' || subject_code as finding_id,
        'subject_name' as finding_kind,
        'error' as severity,
        table_key,
        page_no,
        'the document prints the ' || subject_kind || ' code ' || subject_code || ' with ' || name_count
        || ' names: ' || names_printed as description,
        names_printed as text_as_printed

    from by_code
    where name_count > 1

),

catalogue_names as (

    select
        by_code.doc_id,
        'catalogue_name:' || by_code.subject_kind || ':' || by_code.subject_code as finding_id,
        'catalogue_name' as finding_kind,
        'note' as severity,
        by_code.table_key,
        by_code.page_no,
        'the ' || by_code.subject_kind || ' code ' || by_code.subject_code || ' is printed as “' || by_code.name_as_printed
        || '”; the catalogue of ' || by_code.fiscal_year || ' names it “' || catalogue.subject_name || '” (printed so by '
        || catalogue.document_count || ' document(s))' as description,
        by_code.name_as_printed as text_as_printed

    from by_code
    inner join catalogue
        on
            by_code.subject_kind = catalogue.subject_kind
            and by_code.fiscal_year = catalogue.fiscal_year
            and by_code.subject_code = catalogue.subject_code
    where
        by_code.name_count = 1
        and by_code.name_as_printed != {{ canonical_name('catalogue.subject_name') }}

),

unresolved_claims as (

    select
        doc_id,
        'claim:' || claim_id as finding_id,
        'claim_subject' as finding_kind,
        case when subject_code is null then 'error' else 'note' end as severity,
        cast(null as varchar) as table_key,
        page_no,
        resolution_note as description,
        subject_as_printed as text_as_printed

    from claims
    where resolution_note is not null

),

final as (

    select * from contradictions
    union all
    select * from catalogue_names
    union all
    select * from unresolved_claims

)

select * from final
