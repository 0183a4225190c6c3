-- family 4, the narrative against the tables: every figure of the narrative
-- is checked against the tables (or, for a sum it states, against its own
-- listed parts); percentages are recomputed and rounded as printed. One row
-- per identity checked.
{%- set three_public_columns = {
    'three_public_total': ('budget_year', 'total'),
    'three_public_total_change': ('change', 'total'),
    'overseas_travel': ('budget_year', 'overseas_travel'),
    'official_reception': ('budget_year', 'official_reception'),
    'vehicle_subtotal': ('budget_year', 'vehicle_subtotal'),
    'vehicle_purchase': ('budget_year', 'vehicle_purchase'),
    'vehicle_operation': ('budget_year', 'vehicle_operation'),
    'vehicle_operation_change': ('change', 'vehicle_operation'),
} %}
{#- the items the glossary (名词解释 九) lists for 机关运行经费 -#}
{%- set running_cost_items = [
    '办公费', '印刷费', '水费', '电费', '邮电费', '取暖费', '物业管理费', '差旅费', '因公出国（境）费用',
    '维修（护）费', '租赁费', '会议费', '培训费', '公务接待费', '专用材料费', '被装购置费', '福利费',
    '公务用车运行维护费', '其他交通费用', '医疗费补助', '办公设备购置', '专用设备购置', '信息网络及软件购置更新',
    '公务用车购置', '其他交通工具购置',
] %}

with

narrative as (

    select
        *,
        'narrative_figures:' || figure_no as figure_id,
        {{ project_category_key("regexp_replace(subject_label, '\\s*[(（][^)）]*[)）]$', '')") }} as category_key
    from {{ ref('int_narrative_figures_resolved') }}

),

figures as (

    select
        *,
        {{ project_category_key('row_label') }} as category_key
    from {{ ref('int_published_figures_unioned') }}
    where table_no between 1 and 12

),

three_public_map as (

    {%- set map_rows = [] %}
    {%- for measure_key, target in three_public_columns.items() %}
        {%- do map_rows.append((measure_key, target[0], target[1])) %}
    {%- endfor %}
    {{ values_relation(['measure_key', 'row_label', 'category'], map_rows) }}

),

-- the category a listed sub-item belongs to: the nearest category above it
sub_item_parents as (

    select
        items.doc_id,
        items.figure_no,
        max(categories.figure_no) as category_figure_no

    from narrative as items
    inner join narrative as categories
        on
            items.doc_id = categories.doc_id
            and items.unit_name is not distinct from categories.unit_name
            and categories.measure_key = 'project_category'
            and items.part_no = categories.part_no
            and items.figure_no > categories.figure_no
    where items.measure_key in ('project_sub_item', 'investment_project_count')
    group by items.doc_id, items.figure_no

),

-- (relation, tolerance rule, narrative figure, figure of a table or of the
-- narrative taking part, its sign, the value it contributes)
links as (

    select
        'narrative = table 1' as relation,
        'same' as tolerance_rule,
        narrative.doc_id,
        narrative.figure_id as published_figure_id,
        figures.figure_id as part_figure_id,
        1 as term_sign,
        figures.amount as part_value
    from narrative
    inner join figures
        on
            narrative.doc_id = figures.doc_id
            and figures.table_no = 1
            and figures.row_label = case narrative.measure_key when 'income_total' then '收入总计' else '支出总计' end
            and figures.seed_column = case narrative.measure_key
                when 'income_total' then 'income_amount' else 'expenditure_amount'
            end
    where narrative.measure_key in ('income_total', 'expenditure_total')
    union all
    select
        'narrative = table 8 类, summed over units' as relation,
        'sum' as tolerance_rule,
        narrative.doc_id,
        narrative.figure_id as published_figure_id,
        figures.figure_id as part_figure_id,
        1 as term_sign,
        figures.amount as part_value
    from narrative
    inner join figures
        on
            narrative.doc_id = figures.doc_id
            and figures.table_no = 8
            and figures.seed_column = 'basic_amount'
            and figures.subject_code = case narrative.measure_key
                when 'personnel_expenditure' then '301'
                when 'public_expenses' then '302'
                when 'household_subsidies' then '303'
            end
    where narrative.measure_key in ('personnel_expenditure', 'public_expenses', 'household_subsidies')
    union all
    select
        'narrative = table 7 project' as relation,
        'same' as tolerance_rule,
        narrative.doc_id,
        narrative.figure_id as published_figure_id,
        figures.figure_id as part_figure_id,
        1 as term_sign,
        figures.amount as part_value
    from narrative
    inner join figures
        on
            narrative.doc_id = figures.doc_id
            and narrative.unit_name is not distinct from figures.unit_name
            and figures.table_no = 7
            and figures.row_kind = case when narrative.unit_name is null then 'department' else 'unit' end
            and figures.seed_column = 'project_amount'
    where narrative.measure_key = 'project_expenditure'
    union all
    select
        'narrative = table 5 category' as relation,
        'sum' as tolerance_rule,
        narrative.doc_id,
        narrative.figure_id as published_figure_id,
        figures.figure_id as part_figure_id,
        1 as term_sign,
        figures.amount as part_value
    from narrative
    inner join figures
        on
            narrative.doc_id = figures.doc_id
            and narrative.unit_name = figures.unit_name
            and narrative.category_key = figures.category_key
            and figures.table_no = 5
            and figures.row_kind = 'project'
            and figures.seed_column = 'total_amount'
    where narrative.measure_key = 'project_category'
    union all
    select
        case items.measure_key
            when 'project_sub_item' then 'category = sum of its listed sub-items'
            else 'count of listed investment projects'
        end as relation,
        case items.measure_key when 'project_sub_item' then 'sum' else 'count' end as tolerance_rule,
        categories.doc_id,
        case items.measure_key when 'project_sub_item' then categories.figure_id else items.figure_id end
            as published_figure_id,
        case items.measure_key when 'project_sub_item' then items.figure_id else listed.figure_id end
            as part_figure_id,
        1 as term_sign,
        case items.measure_key when 'project_sub_item' then items.figure_value else 1 end as part_value
    from narrative as items
    inner join sub_item_parents
        on items.doc_id = sub_item_parents.doc_id and items.figure_no = sub_item_parents.figure_no
    inner join narrative as categories
        on
            sub_item_parents.doc_id = categories.doc_id
            and sub_item_parents.category_figure_no = categories.figure_no
    left join sub_item_parents as listed_parents
        on
            items.measure_key = 'investment_project_count'
            and sub_item_parents.doc_id = listed_parents.doc_id
            and sub_item_parents.category_figure_no = listed_parents.category_figure_no
    left join narrative as listed
        on
            listed_parents.doc_id = listed.doc_id
            and listed_parents.figure_no = listed.figure_no
            and listed.measure_key = 'project_sub_item'
    where items.measure_key = 'project_sub_item' or listed.figure_id is not null
    union all
    select
        'investment projects of part 7 = those listed in part 3' as relation,
        'same' as tolerance_rule,
        counts.doc_id,
        counts.figure_id as published_figure_id,
        listed.figure_id as part_figure_id,
        1 as term_sign,
        listed.figure_value as part_value
    from narrative as counts
    inner join narrative as listed
        on
            counts.doc_id = listed.doc_id
            and listed.measure_key = 'investment_project_count'
            and listed.part_no = 3
    where counts.measure_key = 'investment_project_count' and counts.part_no = 7
    union all
    select
        'narrative = table 3 procurement, summed over units' as relation,
        'sum' as tolerance_rule,
        narrative.doc_id,
        narrative.figure_id as published_figure_id,
        figures.figure_id as part_figure_id,
        1 as term_sign,
        figures.amount as part_value
    from narrative
    inner join figures
        on
            narrative.doc_id = figures.doc_id
            and figures.table_no = 3
            and figures.row_kind = 'unit'
            and figures.seed_column = 'procurement_total_amount'
    where narrative.measure_key = 'procurement_total'
    union all
    select
        'procurement = goods + works + services' as relation,
        'sum' as tolerance_rule,
        totals.doc_id,
        totals.figure_id as published_figure_id,
        parts.figure_id as part_figure_id,
        1 as term_sign,
        parts.figure_value as part_value
    from narrative as totals
    inner join narrative as parts
        on
            totals.doc_id = parts.doc_id
            and parts.measure_key in ('procurement_goods', 'procurement_works', 'procurement_services')
    where totals.measure_key = 'procurement_total'
    union all
    select
        'narrative = table 9 department (blank: none)' as relation,
        'sum' as tolerance_rule,
        narrative.doc_id,
        narrative.figure_id as published_figure_id,
        figures.figure_id as part_figure_id,
        1 as term_sign,
        figures.amount as part_value
    from narrative
    inner join three_public_map
        on narrative.measure_key = three_public_map.measure_key
    left join figures
        on
            narrative.doc_id = figures.doc_id
            and figures.table_no = 9
            and figures.row_kind = 'department'
            and three_public_map.row_label = figures.year_line
            and regexp_full_match(
                figures.seed_column,
                three_public_map.category || '_(general_public_budget|government_fund|state_capital)_amount'
            )
    union all
    select
        'count = sum of the units'' counts' as relation,
        'count' as tolerance_rule,
        totals.doc_id,
        totals.figure_id as published_figure_id,
        units.figure_id as part_figure_id,
        1 as term_sign,
        units.figure_value as part_value
    from narrative as totals
    inner join narrative as units
        on
            totals.doc_id = units.doc_id
            and units.unit_name is not null
            and units.part_no = 8
            and units.measure_key = case totals.measure_key
                when 'official_vehicle_count' then 'vehicle_count' else totals.measure_key
            end
    where
        totals.unit_name is null
        and totals.measure_key in (
            'official_vehicle_count', 'vehicle_count', 'confidential_vehicle_count', 'other_vehicle_count',
            'major_equipment_count'
        )
    union all
    select
        'unit vehicles = confidential + other' as relation,
        'count' as tolerance_rule,
        totals.doc_id,
        totals.figure_id as published_figure_id,
        parts.figure_id as part_figure_id,
        1 as term_sign,
        parts.figure_value as part_value
    from narrative as totals
    inner join narrative as parts
        on
            totals.doc_id = parts.doc_id
            and totals.unit_name = parts.unit_name
            and totals.source_line = parts.source_line
            and parts.measure_key in ('confidential_vehicle_count', 'other_vehicle_count')
    where totals.measure_key = 'vehicle_count' and totals.unit_name is not null
    union all
    select
        'count of budget units = table 2 units' as relation,
        'count' as tolerance_rule,
        narrative.doc_id,
        narrative.figure_id as published_figure_id,
        figures.figure_id as part_figure_id,
        1 as term_sign,
        1 as part_value
    from narrative
    inner join figures
        on
            narrative.doc_id = figures.doc_id
            and figures.table_no = 2
            and figures.row_kind = 'unit'
            and figures.seed_column = 'total_income_amount'
    where narrative.measure_key = 'budget_unit_count'
    union all
    select
        'count of project performance targets = part 7 rows' as relation,
        'count' as tolerance_rule,
        counts.doc_id,
        counts.figure_id as published_figure_id,
        rows_.figure_id as part_figure_id,
        1 as term_sign,
        1 as part_value
    from narrative as counts
    inner join narrative as rows_
        on counts.doc_id = rows_.doc_id and rows_.part_no = 7 and rows_.measure_key = 'project_category'
    where counts.measure_key = 'performance_target_count'
    union all
    select
        '机关运行经费 = 本级 302 basic − 30228 工会经费 basic' as relation,
        'sum' as tolerance_rule,
        narrative.doc_id,
        narrative.figure_id as published_figure_id,
        figures.figure_id as part_figure_id,
        case figures.subject_code when '30228' then -1 else 1 end as term_sign,
        figures.amount as part_value
    from narrative
    inner join figures
        on
            narrative.doc_id = figures.doc_id
            and figures.table_no = 8
            and figures.unit_name like '%（本级）'
            and figures.subject_code in ('302', '30228')
            and figures.seed_column = 'basic_amount'
    where narrative.measure_key = 'operating_expenses'
    union all
    select
        'planned purchases = sum of the listed items' as relation,
        case totals.measure_key when 'planned_equipment_purchase' then 'sum' else 'count' end as tolerance_rule,
        totals.doc_id,
        totals.figure_id as published_figure_id,
        items.figure_id as part_figure_id,
        1 as term_sign,
        case totals.measure_key when 'planned_equipment_purchase' then items.figure_value else 1 end as part_value
    from narrative as totals
    inner join narrative as items
        on totals.doc_id = items.doc_id and items.measure_key = 'planned_equipment_item'
    where totals.measure_key in ('planned_equipment_purchase', 'planned_equipment_purchase_count')
    union all
    select
        'planned vehicles = table 9 budget-year 公务用车购置费' as relation,
        'count' as tolerance_rule,
        narrative.doc_id,
        narrative.figure_id as published_figure_id,
        figures.figure_id as part_figure_id,
        1 as term_sign,
        case when figures.amount > 0 then 1 else 0 end as part_value
    from narrative
    left join figures
        on
            narrative.doc_id = figures.doc_id
            and figures.table_no = 9
            and figures.row_kind = 'department'
            and figures.year_line = 'budget_year'
            and figures.seed_column like 'vehicle\_purchase\_%' escape '\'
    where narrative.measure_key = 'planned_vehicle_purchase_count'

),

-- figures that state a change: the percentage is recomputed from the change
-- and the level it changed to, and rounded as printed
percent_links as (

    select
        percents.doc_id,
        percents.figure_id,
        percents.figure_value,
        percents.figure_text_as_printed,
        percents.unit_name,
        max(changes.figure_no) as change_figure_no

    from narrative as percents
    inner join narrative as changes
        on
            percents.doc_id = changes.doc_id
            and percents.unit_name is not distinct from changes.unit_name
            and changes.measure_key = regexp_replace(percents.measure_key, '_pct$', '')
            and percents.figure_no > changes.figure_no
    where percents.measure_key like '%\_pct' escape '\'
    group by all

),

percent_levels as (

    select
        percent_links.*,
        max(levels.figure_no) as level_figure_no

    from percent_links
    inner join narrative as changes
        on
            percent_links.doc_id = changes.doc_id
            and percent_links.change_figure_no = changes.figure_no
    inner join narrative as levels
        on
            changes.doc_id = levels.doc_id
            and changes.unit_name is not distinct from levels.unit_name
            and levels.measure_key in (
                regexp_replace(changes.measure_key, '_change$', ''),
                regexp_replace(changes.measure_key, '_change$', '_total')
            )
            and changes.figure_no > levels.figure_no
    group by all

),

percent_checks as (

    select
        percent_levels.doc_id,
        'narrative:percent:' || percent_levels.figure_id as check_id,
        'narrative' as check_family,
        0 as table_no,
        percent_levels.unit_name,
        cast(null as varchar) as subject_code,
        'stated percentage = |change| / (level − change) × 100, rounded as printed: '
        || levels.subject_label || ' ' || changes.direction_as_printed || ' ' || changes.figure_text_as_printed
            as description,
        'percent' as tolerance_rule,
        percent_levels.figure_value as published_amount,
        cast(round(
            abs(changes.signed_value) / (levels.figure_value - changes.signed_value) * 100,
            cast(length(regexp_extract(percent_levels.figure_text_as_printed, '\.(\d+)$', 1)) as integer)
        ) as decimal(18, 2)) as derived_amount,
        2 as term_count,
        [percent_levels.figure_id, changes.figure_id, levels.figure_id] as figure_ids

    from percent_levels
    inner join narrative as changes
        on
            percent_levels.doc_id = changes.doc_id
            and percent_levels.change_figure_no = changes.figure_no
    inner join narrative as levels
        on
            percent_levels.doc_id = levels.doc_id
            and percent_levels.level_figure_no = levels.figure_no

),

-- a count the narrative states beside the names it lists (共 N 个部门)
listed_count_checks as (

    select
        doc_id,
        'narrative:listed:' || figure_id as check_id,
        'narrative' as check_family,
        0 as table_no,
        unit_name,
        cast(null as varchar) as subject_code,
        'count = names listed: ' || subject_label as description,
        'count' as tolerance_rule,
        figure_value as published_amount,
        cast(len(regexp_split_to_array(subject_label, '[、和]')) as decimal(18, 2)) as derived_amount,
        len(regexp_split_to_array(subject_label, '[、和]')) as term_count,
        [figure_id] as figure_ids

    from narrative
    where measure_key = 'internal_division_count'

),

running_cost_items as (

    {{ values_relation(['item_name'], running_cost_items) }}

),

-- the glossary's own list of items (reading A), stated beside the check of
-- reading B, the one that reproduces the published 机关运行经费
running_cost_reading_a as (

    select
        narrative.doc_id,
        '. Reading B (checked) takes 本级''s 302 商品和服务支出 less 30228 工会经费; reading A, the glossary''s list '
        || 'of items, sums to ' || sum(figures.amount) || ' (' || (narrative.figure_value - sum(figures.amount))
        || ' less: 手续费 and 其他商品和服务支出 are not in the list)' as reading_note

    from narrative
    inner join figures
        on
            narrative.doc_id = figures.doc_id
            and figures.table_no = 8
            and figures.unit_name like '%（本级）'
            and figures.seed_column = 'basic_amount'
            and length(figures.subject_code) = 5
    inner join running_cost_items
        on {{ canonical_name('figures.row_label') }} = running_cost_items.item_name
    where narrative.measure_key = 'operating_expenses'
    group by narrative.doc_id, narrative.figure_value

),

terms as (

    select
        narrative.doc_id,
        'narrative:' || links.relation || ':' || narrative.figure_id as check_id,
        links.relation,
        links.tolerance_rule,
        'published' as term_role,
        1 as term_sign,
        narrative.figure_id,
        narrative.signed_value as amount
    from links
    inner join narrative
        on links.doc_id = narrative.doc_id and links.published_figure_id = narrative.figure_id
    qualify row_number() over (partition by narrative.doc_id, links.relation, narrative.figure_id) = 1
    union all
    select
        links.doc_id,
        'narrative:' || links.relation || ':' || links.published_figure_id as check_id,
        links.relation,
        links.tolerance_rule,
        'part' as term_role,
        links.term_sign,
        links.part_figure_id as figure_id,
        links.part_value as amount
    from links

),

described_terms as (

    select
        terms.doc_id,
        terms.check_id,
        narrative.unit_name,
        terms.tolerance_rule,
        terms.term_role,
        terms.term_sign,
        terms.figure_id,
        terms.amount,
        'narrative' as check_family,
        0 as table_no,
        cast(null as varchar) as subject_code,
        terms.relation || ': ' || narrative.subject_label
        || coalesce(' (' || narrative.direction_as_printed || ')', '')
        || case when terms.relation like '机关运行经费%' then coalesce(running_cost_reading_a.reading_note, '') else '' end
            as description

    from terms
    inner join narrative
        on
            terms.doc_id = narrative.doc_id
            and narrative.figure_id = regexp_extract(terms.check_id, '(narrative_figures:\d+)$', 1)
    left join running_cost_reading_a
        on terms.doc_id = running_cost_reading_a.doc_id

),

term_checks as (

    {{ checks_from_terms('described_terms') }}

),

final as (

    select * from term_checks
    union all by name
    select * from percent_checks
    union all by name
    select * from listed_count_checks

)

select * from final
