with validation_errors as (
  select session_key, lap_number, position_at_lap, count(*) as n_records
  from `f1_prod`.`gold_analytics`.`lap_time_progression`
  group by session_key, lap_number, position_at_lap
  having count(*) > 1
)
select * from validation_errors
