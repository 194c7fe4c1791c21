{#
  SCD type 2 history of each session: a new version when its schedule, name or cancellation
  changes (the API refreshes /sessions daily, and sessions are rescheduled or cancelled).
#}
{% snapshot session_snapshot %}

{{
  config(
    target_schema='gold_analytics',
    unique_key='session_key',
    strategy='check',
    check_cols=['session_name', 'session_type', 'date_start', 'date_end', 'is_cancelled'],
    hard_deletes='ignore'
  )
}}

select
  session_key,
  meeting_key,
  session_name,
  session_type,
  session_category,
  date_start,
  date_end,
  is_cancelled,
  year,
  location,
  circuit_short_name
from {{ ref('silver_sessions') }}

{% endsnapshot %}
