select * from (select * from `f1_prod`.`silver_clean`.`silver_laps` where lap_end_at is not null and lap_start_at is not null) dbt_subquery
where not(lap_end_at > lap_start_at)
