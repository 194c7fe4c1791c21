with meet_condition as (select * from `f1_prod`.`silver_clean`.`silver_sessions`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not session_duration_minutes >= 0
    or not session_duration_minutes <= 20000
)
select * from validation_errors
