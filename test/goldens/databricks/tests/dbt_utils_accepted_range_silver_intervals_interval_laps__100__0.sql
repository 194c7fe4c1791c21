with meet_condition as (select * from `f1_prod`.`silver_clean`.`silver_intervals`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not interval_laps >= 0
    or not interval_laps <= 100
)
select * from validation_errors
