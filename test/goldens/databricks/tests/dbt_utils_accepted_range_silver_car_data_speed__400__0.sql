with meet_condition as (select * from `f1_prod`.`silver_clean`.`silver_car_data`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not speed >= 0
    or not speed <= 400
)
select * from validation_errors
