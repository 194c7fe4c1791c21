with meet_condition as (select * from `f1_prod`.`gold_analytics`.`session_leaderboard`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not delta_to_fastest >= 0
    or not delta_to_fastest <= 100
)
select * from validation_errors
