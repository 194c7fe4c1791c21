{{ config(materialized='table') }}

{#
  One row per team name as reported by the API (plus 'Unknown' for derived drivers), with its
  category (constructor, stable across renames such as AlphaTauri → RB), latest colour, and how
  many drivers and sessions it has.
#}

with sessions as (

  select session_key, date_start from {{ ref('dim_sessions') }}

)

select
  md5(drivers.team_name) as team_key,
  drivers.team_name,
  max(drivers.team_category) as team_category,
  coalesce(max(teams.constructor_lineage), max(drivers.team_category)) as constructor_lineage,
  {{ value_at_max('drivers.team_colour', 'coalesce(sessions.date_start, drivers.ingested_at)') }} as team_colour,
  count(distinct drivers.driver_number) as drivers_count,
  count(distinct drivers.session_key) as sessions_count,
  min(sessions.date_start) as first_seen_at,
  max(sessions.date_start) as last_seen_at
from {{ ref('silver_drivers') }} as drivers
left join sessions on sessions.session_key = drivers.session_key
left join {{ ref('team_categories') }} as teams on teams.team_name = drivers.team_name
group by drivers.team_name
