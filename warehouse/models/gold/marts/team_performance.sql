{{
  config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='session_key',
    partition_by=['session_key'],
    on_schema_change='append_new_columns'
  )
}}

{#
  One row per (session_key, team_category): the original design's team view: drivers_count, the
  team's fastest lap and average best lap, intra_team_gap (slowest minus fastest of its drivers'
  best laps; NULL with one driver) and team_rank by fastest lap. Rebuilt per changed session
  (whole sessions are replaced: a derived 'Unknown' team goes when /drivers arrives).
#}

with per_team as (

  select
    session_key,
    team_category,
    count(*) as drivers_count,
    min(fastest_lap_time) as team_fastest_lap,
    avg(fastest_lap_time) as team_avg_best_lap,
    max(fastest_lap_time) as team_slowest_best_lap,
    {{ value_at_min('driver_number', 'fastest_lap_time') }} as fastest_driver_number,
    cast(sum(valid_laps) as bigint) as team_valid_laps,
    max(source_ingested_at) as source_ingested_at
  from {{ ref('session_leaderboard') }}
  {% if is_incremental() %}
{%- set changed = changed_sessions(this, [], [ref('session_leaderboard')]) %}
    where session_key in {{ changed }}
  {% endif %}
  group by session_key, team_category

)

select
  md5(concat_ws('|', session_key, team_category)) as team_performance_key,
  session_key,
  team_category,
  drivers_count,
  team_fastest_lap,
  round(team_avg_best_lap, 3) as team_avg_best_lap,
  case when drivers_count > 1 then round(team_slowest_best_lap - team_fastest_lap, 3) end as intra_team_gap,
  fastest_driver_number,
  team_valid_laps,
  row_number() over (partition by session_key order by team_fastest_lap, team_category) as team_rank,
  round(team_fastest_lap - min(team_fastest_lap) over (partition by session_key), 3) as gap_to_fastest_team,
  max(source_ingested_at) over (partition by session_key) as source_ingested_at
from per_team
