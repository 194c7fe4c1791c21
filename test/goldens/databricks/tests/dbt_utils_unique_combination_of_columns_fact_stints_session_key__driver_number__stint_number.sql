with validation_errors as (
  select session_key, driver_number, stint_number, count(*) as n_records
  from `f1_prod`.`gold_analytics`.`fact_stints`
  group by session_key, driver_number, stint_number
  having count(*) > 1
)
select * from validation_errors
