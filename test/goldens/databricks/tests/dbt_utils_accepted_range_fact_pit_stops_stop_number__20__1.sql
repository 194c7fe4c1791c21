with meet_condition as (select * from `f1_prod`.`gold_analytics`.`fact_pit_stops`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not stop_number >= 1
    or not stop_number <= 20
)
select * from validation_errors
