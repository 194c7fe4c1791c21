select * from (select * from `f1_prod`.`silver_clean`.`silver_drivers` where is_derived) dbt_subquery
where not(full_name = 'Unknown')
