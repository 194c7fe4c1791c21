with meet_condition as (select * from `f1_prod`.`gold_analytics`.`dim_drivers`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not driver_number >= 1
    or not driver_number <= 99
)
select * from validation_errors
