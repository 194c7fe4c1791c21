select * from (select * from `f1_prod`.`gold_analytics`.`driver_session_summary` where fastest_lap_time is not null) dbt_subquery
where not(slowest_lap_time >= fastest_lap_time)
