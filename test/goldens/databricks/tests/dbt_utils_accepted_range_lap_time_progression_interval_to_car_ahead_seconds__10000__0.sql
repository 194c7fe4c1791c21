with meet_condition as (select * from `f1_prod`.`gold_analytics`.`lap_time_progression`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not interval_to_car_ahead_seconds >= 0
    or not interval_to_car_ahead_seconds <= 10000
)
select * from validation_errors
