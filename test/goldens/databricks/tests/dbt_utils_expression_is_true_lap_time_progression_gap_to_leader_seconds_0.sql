select * from (select * from `f1_prod`.`gold_analytics`.`lap_time_progression` where is_leader) dbt_subquery
where not(gap_to_leader_seconds = 0)
