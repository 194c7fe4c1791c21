select * from (select * from `f1_prod`.`silver_clean`.`silver_stints` where lap_end is not null) dbt_subquery
where not(lap_end >= lap_start)
