with meet_condition as (select * from `f1_prod`.`silver_clean`.`silver_pit`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not stop_duration >= 0
    or not stop_duration <= 600
)
select * from validation_errors
