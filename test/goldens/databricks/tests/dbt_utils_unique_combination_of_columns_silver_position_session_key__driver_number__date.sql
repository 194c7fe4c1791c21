with validation_errors as (
  select session_key, driver_number, date, count(*) as n_records
  from `f1_prod`.`silver_clean`.`silver_position`
  group by session_key, driver_number, date
  having count(*) > 1
)
select * from validation_errors
