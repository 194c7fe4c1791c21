with source as (

  select * from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as string) as meeting_name,
      cast(null as string) as meeting_official_name,
      cast(null as string) as meeting_code,
      cast(null as string) as location,
      cast(null as bigint) as country_key,
      cast(null as string) as country_code,
      cast(null as string) as country_name,
      cast(null as string) as country_flag,
      cast(null as bigint) as circuit_key,
      cast(null as string) as circuit_short_name,
      cast(null as string) as circuit_type,
      cast(null as string) as circuit_image,
      cast(null as string) as circuit_info_url,
      cast(null as string) as date_start,
      cast(null as string) as date_end,
      cast(null as string) as gmt_offset,
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
      cast(meeting_name as string) as meeting_name,
      cast(meeting_official_name as string) as meeting_official_name,
      cast(meeting_code as string) as meeting_code,
      cast(location as string) as location,
      cast(country_key as bigint) as country_key,
      cast(country_code as string) as country_code,
      cast(country_name as string) as country_name,
      cast(country_flag as string) as country_flag,
      cast(circuit_key as bigint) as circuit_key,
      cast(circuit_short_name as string) as circuit_short_name,
      cast(circuit_type as string) as circuit_type,
      cast(circuit_image as string) as circuit_image,
      cast(circuit_info_url as string) as circuit_info_url,
      cast(date_start as string) as date_start,
      cast(date_end as string) as date_end,
      cast(gmt_offset as string) as gmt_offset,
      cast(is_cancelled as boolean) as is_cancelled,
      cast(year as bigint) as year,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_meetings`
  )
  where meeting_key is not null
  
    and meeting_key in (
    select distinct meeting_key
    from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as string) as meeting_name,
      cast(null as string) as meeting_official_name,
      cast(null as string) as meeting_code,
      cast(null as string) as location,
      cast(null as bigint) as country_key,
      cast(null as string) as country_code,
      cast(null as string) as country_name,
      cast(null as string) as country_flag,
      cast(null as bigint) as circuit_key,
      cast(null as string) as circuit_short_name,
      cast(null as string) as circuit_type,
      cast(null as string) as circuit_image,
      cast(null as string) as circuit_info_url,
      cast(null as string) as date_start,
      cast(null as string) as date_end,
      cast(null as string) as gmt_offset,
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
      cast(meeting_name as string) as meeting_name,
      cast(meeting_official_name as string) as meeting_official_name,
      cast(meeting_code as string) as meeting_code,
      cast(location as string) as location,
      cast(country_key as bigint) as country_key,
      cast(country_code as string) as country_code,
      cast(country_name as string) as country_name,
      cast(country_flag as string) as country_flag,
      cast(circuit_key as bigint) as circuit_key,
      cast(circuit_short_name as string) as circuit_short_name,
      cast(circuit_type as string) as circuit_type,
      cast(circuit_image as string) as circuit_image,
      cast(circuit_info_url as string) as circuit_info_url,
      cast(date_start as string) as date_start,
      cast(date_end as string) as date_end,
      cast(gmt_offset as string) as gmt_offset,
      cast(is_cancelled as boolean) as is_cancelled,
      cast(year as bigint) as year,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_meetings`
  ) as incoming
    where incoming._ingestion_timestamp > (
      select coalesce(max(ingested_at), timestamp '1970-01-01 00:00:00+00') from `f1_prod`.`silver_clean`.`silver_meetings`
    )
  )
  

),

deduplicated as (

  select
    *,
    max(_ingestion_timestamp) over (partition by meeting_key) as ingested_at
  from source
  qualify row_number() over (
    partition by meeting_key
    order by ((case when meeting_name is null then 0 else 1 end) + (case when meeting_official_name is null then 0 else 1 end) + (case when location is null then 0 else 1 end) + (case when country_name is null then 0 else 1 end) + (case when circuit_key is null then 0 else 1 end) + (case when circuit_short_name is null then 0 else 1 end) + (case when date_start is null then 0 else 1 end) + (case when date_end is null then 0 else 1 end) + (case when gmt_offset is null then 0 else 1 end) + (case when year is null then 0 else 1 end)) desc, _ingestion_timestamp desc nulls last, _source_file desc nulls last
  ) = 1

)

select
  cast(meeting_key as bigint) as meeting_key,
  coalesce(trim(meeting_name), 'Unknown') as meeting_name,
  trim(meeting_official_name) as meeting_official_name,
  trim(meeting_code) as meeting_code,
  trim(location) as location,
  try_cast(country_key as bigint) as country_key,
  trim(country_code) as country_code,
  trim(country_name) as country_name,
  trim(country_flag) as country_flag,
  try_cast(circuit_key as bigint) as circuit_key,
  trim(circuit_short_name) as circuit_short_name,
  trim(circuit_type) as circuit_type,
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
  coalesce(try_cast(is_cancelled as boolean), false) as is_cancelled,
  coalesce(try_cast(year as integer), cast(extract(year from (
    case
      when date_start is null then null
      when regexp_like(trim(cast(date_start as string)), concat('^(?:', '[0-9]{12,13}', ')$'))
        then timestamp_millis(cast(trim(cast(date_start as string)) as bigint))
      when regexp_like(trim(cast(date_start as string)), '[T ][0-9:.]+(Z|[+-][0-9]{2}(:?[0-9]{2})?)$')
        then try_cast(trim(cast(date_start as string)) as timestamp)
      else try_cast(trim(cast(date_start as string)) || '+00:00' as timestamp)
    end
  )) as integer)) as year,
  ingested_at,
  _source_file as source_file
from deduplicated
