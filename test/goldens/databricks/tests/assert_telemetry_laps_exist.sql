-- Every fact_telemetry_laps row belongs to a lap of fact_laps and its samples fall inside that
-- lap (lap count per driver cannot exceed the laps recorded). Returns orphaned telemetry laps.
select telemetry.session_key, telemetry.driver_number, telemetry.lap_number
from `f1_prod`.`gold_analytics`.`fact_telemetry_laps` as telemetry
left join `f1_prod`.`gold_analytics`.`fact_laps` as laps
  on laps.session_key = telemetry.session_key
  and laps.driver_number = telemetry.driver_number
  and laps.lap_number = telemetry.lap_number
where laps.lap_key is null
   or not laps.is_lap_completed
