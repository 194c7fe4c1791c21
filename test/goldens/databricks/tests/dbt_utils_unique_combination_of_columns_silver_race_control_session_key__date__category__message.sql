with validation_errors as (
  select session_key, date, category, message, count(*) as n_records
  from `f1_prod`.`silver_clean`.`silver_race_control`
  group by session_key, date, category, message
  having count(*) > 1
)
select * from validation_errors
