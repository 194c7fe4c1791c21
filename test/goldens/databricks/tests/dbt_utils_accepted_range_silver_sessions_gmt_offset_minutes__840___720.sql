with meet_condition as (select * from `f1_prod`.`silver_clean`.`silver_sessions`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not gmt_offset_minutes >= -720
    or not gmt_offset_minutes <= 840
)
select * from validation_errors
