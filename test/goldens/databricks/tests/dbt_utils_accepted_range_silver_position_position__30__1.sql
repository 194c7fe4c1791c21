with meet_condition as (select * from `f1_prod`.`silver_clean`.`silver_position`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not position >= 1
    or not position <= 30
)
select * from validation_errors
