with meet_condition as (select * from `f1_prod`.`silver_clean`.`silver_weather`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not pressure >= 800
    or not pressure <= 1100
)
select * from validation_errors
