with validation_errors as (
  select session_key, driver_number, point_index, count(*) as n_records
  from `f1_prod`.`gold_analytics`.`track_map`
  group by session_key, driver_number, point_index
  having count(*) > 1
)
select * from validation_errors
