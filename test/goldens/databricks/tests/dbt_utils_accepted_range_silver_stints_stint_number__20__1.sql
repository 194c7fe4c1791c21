with meet_condition as (select * from `f1_prod`.`silver_clean`.`silver_stints`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not stint_number >= 1
    or not stint_number <= 20
)
select * from validation_errors
