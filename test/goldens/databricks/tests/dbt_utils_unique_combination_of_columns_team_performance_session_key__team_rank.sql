with validation_errors as (
  select session_key, team_rank, count(*) as n_records
  from `f1_prod`.`gold_analytics`.`team_performance`
  group by session_key, team_rank
  having count(*) > 1
)
select * from validation_errors
