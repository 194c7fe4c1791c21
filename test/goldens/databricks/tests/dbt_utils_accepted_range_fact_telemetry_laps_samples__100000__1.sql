with meet_condition as (select * from `f1_prod`.`gold_analytics`.`fact_telemetry_laps`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not samples >= 1
    or not samples <= 100000
)
select * from validation_errors
