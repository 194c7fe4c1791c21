with meet_condition as (select * from `f1_prod`.`silver_clean`.`silver_intervals`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not interval_seconds >= 0
    or not interval_seconds <= 10000
)
select * from validation_errors
