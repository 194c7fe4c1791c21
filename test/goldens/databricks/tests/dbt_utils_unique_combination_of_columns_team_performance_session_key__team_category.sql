with validation_errors as (
  select session_key, team_category, count(*) as n_records
  from `f1_prod`.`gold_analytics`.`team_performance`
  group by session_key, team_category
  having count(*) > 1
)
select * from validation_errors
