with meet_condition as (select * from `f1_prod`.`gold_analytics`.`team_performance`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not gap_to_fastest_team >= 0
    or not gap_to_fastest_team <= 100
)
select * from validation_errors
