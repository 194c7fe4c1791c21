select * from (select * from `f1_prod`.`gold_analytics`.`fact_laps` where is_personal_best_lap) dbt_subquery
where not(driver_lap_rank = 1)
