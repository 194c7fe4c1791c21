with meet_condition as (select * from `f1_prod`.`gold_analytics`.`fact_laps`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not lap_number >= 1
    or not lap_number <= 200
)
select * from validation_errors
