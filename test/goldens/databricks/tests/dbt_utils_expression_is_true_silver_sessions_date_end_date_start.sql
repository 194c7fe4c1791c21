select * from (select * from `f1_prod`.`silver_clean`.`silver_sessions` where date_end is not null) dbt_subquery
where not(date_end >= date_start)
