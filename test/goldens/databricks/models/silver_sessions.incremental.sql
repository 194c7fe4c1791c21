with source as (

  select * from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as string) as session_name,
      cast(null as string) as session_type,
      cast(null as string) as date_start,
      cast(null as string) as date_end,
      cast(null as string) as gmt_offset,
      cast(null as string) as location,
      cast(null as bigint) as country_key,
      cast(null as string) as country_code,
      cast(null as string) as country_name,
      cast(null as bigint) as circuit_key,
      cast(null as string) as circuit_short_name,
      cast(null as boolean) as is_cancelled,
      cast(null as bigint) as year,
      cast(null as timestamp) as _ingestion_timestamp,
      cast(null as string) as _source_file,
      cast(null as date) as batch_day,
      cast(null as string) as _rescued_data
    where false
    union all
    select
      cast(meeting_key as bigint) as meeting_key,
      cast(session_key as bigint) as session_key,
      cast(session_name as string) as session_name,
      cast(session_type as string) as session_type,
      cast(date_start as string) as date_start,
      cast(date_end as string) as date_end,
      cast(gmt_offset as string) as gmt_offset,
      cast(location as string) as location,
      cast(country_key as bigint) as country_key,
      cast(country_code as string) as country_code,
      cast(country_name as string) as country_name,
      cast(circuit_key as bigint) as circuit_key,
      cast(circuit_short_name as string) as circuit_short_name,
      cast(is_cancelled as boolean) as is_cancelled,
      cast(year as bigint) as year,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_sessions`
    where session_key in (
      select distinct session_key from `f1_prod`.`bronze_raw`.`bronze_sessions`
      where cast(_ingestion_timestamp as timestamp) > (
        select coalesce(max(ingested_at), timestamp '1970-01-01 00:00:00+00') from `f1_prod`.`silver_clean`.`silver_sessions`
      )
    )
  )
  where session_key is not null

),

deduplicated as (

  select
    *,
    max(_ingestion_timestamp) over (partition by session_key) as ingested_at
  from source
  qualify row_number() over (
    partition by session_key
    order by ((case when meeting_key is null then 0 else 1 end) + (case when session_name is null then 0 else 1 end) + (case when session_type is null then 0 else 1 end) + (case when date_start is null then 0 else 1 end) + (case when date_end is null then 0 else 1 end) + (case when gmt_offset is null then 0 else 1 end) + (case when location is null then 0 else 1 end) + (case when country_name is null then 0 else 1 end) + (case when circuit_key is null then 0 else 1 end) + (case when circuit_short_name is null then 0 else 1 end) + (case when year is null then 0 else 1 end) + (case when is_cancelled is null then 0 else 1 end)) desc, _ingestion_timestamp desc nulls last, _source_file desc nulls last
  ) = 1

),

typed as (

  select
    cast(session_key as bigint) as session_key,
    cast(meeting_key as bigint) as meeting_key,
    coalesce(trim(session_name), 'Unknown') as session_name,
    coalesce(trim(session_type), 'Unknown') as session_type,
    (
    case
      when date_start is null then null
      when regexp_like(trim(cast(date_start as string)), concat('^(?:', '[0-9]{12,13}', ')$'))
        then timestamp_millis(cast(trim(cast(date_start as string)) as bigint))
      when regexp_like(trim(cast(date_start as string)), '[T ][0-9:.]+(Z|[+-][0-9]{2}(:?[0-9]{2})?)$')
        then try_cast(trim(cast(date_start as string)) as timestamp)
      else try_cast(trim(cast(date_start as string)) || '+00:00' as timestamp)
    end
  ) as date_start,
    (
    case
      when date_end is null then null
      when regexp_like(trim(cast(date_end as string)), concat('^(?:', '[0-9]{12,13}', ')$'))
        then timestamp_millis(cast(trim(cast(date_end as string)) as bigint))
      when regexp_like(trim(cast(date_end as string)), '[T ][0-9:.]+(Z|[+-][0-9]{2}(:?[0-9]{2})?)$')
        then try_cast(trim(cast(date_end as string)) as timestamp)
      else try_cast(trim(cast(date_end as string)) || '+00:00' as timestamp)
    end
  ) as date_end,
    trim(gmt_offset) as gmt_offset,
    trim(location) as location,
    try_cast(country_key as bigint) as country_key,
    trim(country_code) as country_code,
    trim(country_name) as country_name,
    try_cast(circuit_key as bigint) as circuit_key,
    trim(circuit_short_name) as circuit_short_name,
    coalesce(try_cast(is_cancelled as boolean), false) as is_cancelled,
    try_cast(year as integer) as year,
    ingested_at,
    _source_file as source_file
  from deduplicated

)

select
  session_key,
  meeting_key,
  session_name,
  session_type,
  (
    case
      when session_name = 'Race' then 'Race'
      when session_name = 'Sprint' then 'Sprint'
      when session_name in ('Sprint Qualifying', 'Sprint Shootout') then 'Sprint Qualifying'
      when session_name = 'Qualifying' then 'Qualifying'
      when session_name like 'Practice%' and session_name not ilike '%day%' then 'Practice'
      when session_name ilike '%day%' or session_name ilike '%test%' then 'Testing'
      when session_type in ('Race', 'Qualifying', 'Practice') then session_type
      else 'Other'
    end
  ) as session_category,
  session_name in ('Race', 'Sprint') or (session_type = 'Race') as is_race,
  date_start,
  date_end,
  case
    when date_end >= date_start then cast(round(((unix_micros(date_end) - unix_micros(date_start)) / 1000000.0) / 60.0) as integer)
  end as session_duration_minutes,
  gmt_offset,
  (
    case
      when regexp_like(trim(gmt_offset), concat('^(?:', '[+-]?[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?', ')$'))
        then (case when startswith(trim(gmt_offset), '-') then -1 else 1 end)
          * (
            cast(regexp_extract(trim(gmt_offset), '([0-9]{1,2}):([0-9]{2})', 1) as integer) * 60
            + cast(regexp_extract(trim(gmt_offset), '([0-9]{1,2}):([0-9]{2})', 2) as integer)
          )
    end
  ) as gmt_offset_minutes,
  location,
  country_key,
  country_code,
  country_name,
  circuit_key,
  circuit_short_name,
  is_cancelled,
  coalesce(year, cast(extract(year from date_start) as integer)) as year,
  ingested_at,
  source_file
from typed
