-- Every lap belongs to a known session, a driver and (when stints exist for the driver) a stint
-- (original design: no orphaned laps). Returns orphaned laps.
select laps.session_key, laps.driver_number, laps.lap_number
from `f1_prod`.`gold_analytics`.`fact_laps` as laps
left join `f1_prod`.`gold_analytics`.`dim_sessions` as sessions on sessions.session_key = laps.session_key
left join (select distinct driver_number from `f1_prod`.`gold_analytics`.`dim_drivers`) as drivers
  on drivers.driver_number = laps.driver_number
left join `f1_prod`.`silver_clean`.`silver_drivers` as session_drivers
  on session_drivers.session_key = laps.session_key
  and session_drivers.driver_number = laps.driver_number
where sessions.session_key is null
   or drivers.driver_number is null
   or session_drivers.driver_number is null
