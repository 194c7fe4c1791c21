with meet_condition as (select * from `f1_prod`.`gold_analytics`.`team_performance`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not intra_team_gap >= 0
    or not intra_team_gap <= 100
)
select * from validation_errors
