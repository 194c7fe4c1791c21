with meet_condition as (select * from `f1_prod`.`gold_analytics`.`lap_time_progression`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not gap_to_leader_seconds >= 0
    or not gap_to_leader_seconds <= 10000
)
select * from validation_errors
