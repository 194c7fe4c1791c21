with validation_errors as (
  select session_key, date, count(*) as n_records
  from `f1_prod`.`silver_clean`.`silver_weather`
  group by session_key, date
  having count(*) > 1
)
select * from validation_errors
