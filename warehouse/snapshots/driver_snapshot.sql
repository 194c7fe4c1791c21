{#
  SCD type 2 history of each driver (by driver_number): a new version when the name, team or team
  colour changes. The source row is the driver's latest session (reported /drivers rows win over
  rows derived from laps). Check strategy so that a driver who simply races again does not get a
  new version; dbt_valid_from comes from the session date (updated_at).
#}
{% snapshot driver_snapshot %}

{{
  config(
    target_schema='gold_analytics',
    unique_key='driver_number',
    strategy='check',
    check_cols=['full_name', 'name_acronym', 'team_name', 'team_colour', 'team_category', 'country_code', 'headshot_url'],
    updated_at='last_seen_at',
    hard_deletes='ignore'
  )
}}

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
from {{ ref('silver_drivers') }} as drivers
left join {{ ref('silver_sessions') }} as sessions
  on sessions.session_key = drivers.session_key
qualify row_number() over (
  partition by drivers.driver_number
  order by drivers.is_derived asc, coalesce(sessions.date_start, drivers.ingested_at) desc, drivers.session_key desc
) = 1

{% endsnapshot %}
