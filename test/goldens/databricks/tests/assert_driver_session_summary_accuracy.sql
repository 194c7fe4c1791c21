-- driver_session_summary agrees with fact_laps (original design): lap counts, valid laps and the
-- fastest valid lap per driver and session. Returns the rows that disagree.
with recomputed as (
  select
    session_key,
    driver_number,
    count(*) as total_laps,
    count(*) filter (where is_valid_lap) as valid_laps,
    min(lap_duration) filter (where is_valid_lap) as fastest_lap_time
  from `f1_prod`.`gold_analytics`.`fact_laps`
  group by session_key, driver_number
)
select summary.session_key, summary.driver_number
from `f1_prod`.`gold_analytics`.`driver_session_summary` as summary
full outer join recomputed
  on recomputed.session_key = summary.session_key
  and recomputed.driver_number = summary.driver_number
where summary.session_key is null
   or recomputed.session_key is null
   or summary.total_laps <> recomputed.total_laps
   or summary.valid_laps <> recomputed.valid_laps
   or summary.fastest_lap_time is distinct from recomputed.fastest_lap_time
