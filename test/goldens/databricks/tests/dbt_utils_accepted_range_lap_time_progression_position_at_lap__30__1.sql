with meet_condition as (select * from `f1_prod`.`gold_analytics`.`lap_time_progression`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not position_at_lap >= 1
    or not position_at_lap <= 30
)
select * from validation_errors
