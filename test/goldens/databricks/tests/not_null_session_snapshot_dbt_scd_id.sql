select dbt_scd_id from `f1_prod`.`gold_analytics`.`session_snapshot` where dbt_scd_id is null
