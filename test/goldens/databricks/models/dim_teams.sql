with sessions as (

  select session_key, date_start from `f1_prod`.`gold_analytics`.`dim_sessions`

)

select
  md5(drivers.team_name) as team_key,
  drivers.team_name,
  max(drivers.team_category) as team_category,
  coalesce(max(teams.constructor_lineage), max(drivers.team_category)) as constructor_lineage,
  max_by(drivers.team_colour, coalesce(sessions.date_start, drivers.ingested_at)) as team_colour,
  count(distinct drivers.driver_number) as drivers_count,
  count(distinct drivers.session_key) as sessions_count,
  min(sessions.date_start) as first_seen_at,
  max(sessions.date_start) as last_seen_at
from `f1_prod`.`silver_clean`.`silver_drivers` as drivers
left join sessions on sessions.session_key = drivers.session_key
left join `f1_prod`.`gold_analytics`.`team_categories` as teams on teams.team_name = drivers.team_name
group by drivers.team_name
