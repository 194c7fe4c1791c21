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
from `f1_prod`.`gold_analytics`.`driver_snapshot`
