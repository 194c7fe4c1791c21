with meet_condition as (select * from `f1_prod`.`gold_analytics`.`fact_laps`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not session_lap_time_rank >= 1
    or not session_lap_time_rank <= 10000
)
select * from validation_errors
