with meet_condition as (select * from `f1_prod`.`gold_analytics`.`fact_telemetry_laps`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not min_speed >= 0
    or not min_speed <= 400
)
select * from validation_errors
