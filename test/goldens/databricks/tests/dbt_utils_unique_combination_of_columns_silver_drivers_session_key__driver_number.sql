with validation_errors as (
  select session_key, driver_number, count(*) as n_records
  from `f1_prod`.`silver_clean`.`silver_drivers`
  group by session_key, driver_number
  having count(*) > 1
)
select * from validation_errors
