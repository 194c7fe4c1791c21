with meet_condition as (select * from `f1_prod`.`gold_analytics`.`team_performance`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not team_rank >= 1
    or not team_rank <= 30
)
select * from validation_errors
