with meet_condition as (select * from `f1_prod`.`silver_clean`.`silver_weather`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not wind_direction >= 0
    or not wind_direction <= 359
)
select * from validation_errors
