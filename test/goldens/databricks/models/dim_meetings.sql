with sessions as (

  select meeting_key, count(*) as sessions_count, min(date_start) as first_session_start
  from `f1_prod`.`gold_analytics`.`dim_sessions`
  where meeting_key is not null
  group by meeting_key

)

select
  meetings.meeting_key,
  meetings.meeting_name,
  meetings.meeting_official_name,
  meetings.location,
  meetings.country_name,
  meetings.country_code,
  meetings.circuit_key,
  meetings.circuit_short_name,
  meetings.circuit_type,
  meetings.date_start,
  meetings.date_end,
  meetings.gmt_offset,
  meetings.year,
  meetings.is_cancelled,
  coalesce(sessions.sessions_count, 0) as sessions_count,
  true as is_known
from `f1_prod`.`silver_clean`.`silver_meetings` as meetings
left join sessions on sessions.meeting_key = meetings.meeting_key
union all
select
  sessions.meeting_key,
  'Unknown' as meeting_name,
  null as meeting_official_name,
  null as location,
  null as country_name,
  null as country_code,
  null as circuit_key,
  null as circuit_short_name,
  null as circuit_type,
  sessions.first_session_start as date_start,
  null as date_end,
  null as gmt_offset,
  cast(extract(year from sessions.first_session_start) as integer) as year,
  false as is_cancelled,
  sessions.sessions_count,
  false as is_known
from sessions
where sessions.meeting_key not in (select meeting_key from `f1_prod`.`silver_clean`.`silver_meetings`)
