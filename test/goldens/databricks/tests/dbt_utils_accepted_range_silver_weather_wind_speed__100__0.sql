with meet_condition as (select * from `f1_prod`.`silver_clean`.`silver_weather`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not wind_speed >= 0
    or not wind_speed <= 100
)
select * from validation_errors
