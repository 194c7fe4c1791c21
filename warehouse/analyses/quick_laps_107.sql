-- FastF1's pick_quicklaps: valid laps within 107 % of the driver's best, for pace distributions
-- (violin / box plots per driver or team).
select laps.*
from {{ ref('fact_laps') }} as laps
where laps.is_valid_lap
  and laps.lap_duration <= laps.driver_best_lap_time * 1.07
