with meet_condition as (select * from `f1_prod`.`silver_clean`.`silver_meetings`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not year >= 2018
    or not year <= 2100
)
select * from validation_errors
