with meet_condition as (select * from `f1_prod`.`silver_clean`.`silver_drivers`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not driver_number >= 1
    or not driver_number <= 99
)
select * from validation_errors
