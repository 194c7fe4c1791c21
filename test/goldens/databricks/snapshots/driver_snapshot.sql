select
  drivers.driver_number,
  drivers.full_name,
  drivers.first_name,
  drivers.last_name,
  drivers.broadcast_name,
  drivers.name_acronym,
  drivers.team_name,
  drivers.team_category,
  drivers.team_colour,
  drivers.country_code,
  drivers.headshot_url,
  drivers.is_derived,
  drivers.session_key as last_session_key,
  coalesce(sessions.date_start, drivers.ingested_at) as last_seen_at
from `f1_prod`.`silver_clean`.`silver_drivers` as drivers
left join `f1_prod`.`silver_clean`.`silver_sessions` as sessions
  on sessions.session_key = drivers.session_key
qualify row_number() over (
  partition by drivers.driver_number
  order by drivers.is_derived asc, coalesce(sessions.date_start, drivers.ingested_at) desc, drivers.session_key desc
) = 1
