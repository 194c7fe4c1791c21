select * from (select * from `f1_prod`.`silver_clean`.`silver_laps` where is_valid_lap) dbt_subquery
where not(lap_duration > 10 and lap_duration < 300 and not is_pit_out_lap)
