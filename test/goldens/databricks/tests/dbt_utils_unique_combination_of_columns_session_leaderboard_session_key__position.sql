with validation_errors as (
  select session_key, position, count(*) as n_records
  from `f1_prod`.`gold_analytics`.`session_leaderboard`
  group by session_key, position
  having count(*) > 1
)
select * from validation_errors
