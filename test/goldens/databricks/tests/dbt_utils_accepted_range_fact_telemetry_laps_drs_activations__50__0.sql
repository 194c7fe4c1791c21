with meet_condition as (select * from `f1_prod`.`gold_analytics`.`fact_telemetry_laps`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not drs_activations >= 0
    or not drs_activations <= 50
)
select * from validation_errors
