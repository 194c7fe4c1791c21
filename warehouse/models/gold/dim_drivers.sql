{{ config(materialized='table') }}

{#
  SCD type 2 driver dimension built from driver_snapshot: one row per driver version, surrogate
  key driver_key (the snapshot's dbt_scd_id), valid_from / valid_to, and exactly one current row
  (is_current) per driver_number.
#}

select
  dbt_scd_id as driver_key,
  driver_number,
  full_name,
  first_name,
  last_name,
  broadcast_name,
  name_acronym,
  team_name,
  team_category,
  team_colour,
  country_code,
  headshot_url,
  is_derived,
  last_session_key,
  dbt_valid_from as valid_from,
  dbt_valid_to as valid_to,
  dbt_valid_to is null as is_current
from {{ ref('driver_snapshot') }}
