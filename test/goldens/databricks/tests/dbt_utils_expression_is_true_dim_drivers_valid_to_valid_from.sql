select * from (select * from `f1_prod`.`gold_analytics`.`dim_drivers` where valid_to is not null) dbt_subquery
where not(valid_to > valid_from)
