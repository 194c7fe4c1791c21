with known as (

  select
    sessions.*,
    meetings.meeting_name,
    meetings.meeting_official_name
  from `f1_prod`.`silver_clean`.`silver_sessions` as sessions
  left join `f1_prod`.`silver_clean`.`silver_meetings` as meetings
    on meetings.meeting_key = sessions.meeting_key

),

seen as (

  select session_key, max(meeting_key) as meeting_key
  from (
    select session_key, meeting_key from `f1_prod`.`silver_clean`.`silver_drivers`
    union all
    select session_key, meeting_key from `f1_prod`.`silver_clean`.`silver_laps`
    union all
    select session_key, meeting_key from `f1_prod`.`silver_clean`.`silver_stints`
    union all
    select session_key, meeting_key from `f1_prod`.`silver_clean`.`silver_pit`
    union all
    select session_key, meeting_key from `f1_prod`.`silver_clean`.`silver_session_result`
  )
  where session_key not in (select session_key from known)
  group by session_key

)

select
  session_key,
  meeting_key,
  session_name,
  session_type,
  session_category,
  is_race,
  date_start,
  date_end,
  session_duration_minutes,
  year,
  location,
  country_name,
  country_code,
  circuit_key,
  circuit_short_name,
  gmt_offset,
  gmt_offset_minutes,
  is_cancelled,
  coalesce(meeting_name, location, 'Unknown') as meeting_name,
  concat_ws(' ', cast(year as string), coalesce(meeting_name, location), session_name) as session_label,
  true as is_known
from known
union all
select
  session_key,
  meeting_key,
  'Unknown' as session_name,
  'Unknown' as session_type,
  'Other' as session_category,
  false as is_race,
  null as date_start,
  null as date_end,
  null as session_duration_minutes,
  null as year,
  null as location,
  null as country_name,
  null as country_code,
  null as circuit_key,
  null as circuit_short_name,
  null as gmt_offset,
  null as gmt_offset_minutes,
  false as is_cancelled,
  'Unknown' as meeting_name,
  'Session ' || cast(session_key as string) as session_label,
  false as is_known
from seen
