with validation_errors as (
  select session_key, driver_number, lap_number, count(*) as n_records
  from "dev_f1_data_analytics"."gold_analytics"."fact_laps"
  group by session_key, driver_number, lap_number
  having count(*) > 1
)
select * from validation_errors
