with meet_condition as (select * from `f1_prod`.`gold_analytics`.`driver_session_summary`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not total_laps >= 1
    or not total_laps <= 200
)
select * from validation_errors
