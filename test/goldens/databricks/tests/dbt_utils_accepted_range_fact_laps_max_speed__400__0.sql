with meet_condition as (select * from `f1_prod`.`gold_analytics`.`fact_laps`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not max_speed >= 0
    or not max_speed <= 400
)
select * from validation_errors
