select dbt_valid_from from `f1_prod`.`gold_analytics`.`session_snapshot` where dbt_valid_from is null
