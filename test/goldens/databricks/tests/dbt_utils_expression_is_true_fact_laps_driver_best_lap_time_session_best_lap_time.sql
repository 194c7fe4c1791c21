select * from (select * from `f1_prod`.`gold_analytics`.`fact_laps` where driver_best_lap_time is not null) dbt_subquery
where not(driver_best_lap_time >= session_best_lap_time)
