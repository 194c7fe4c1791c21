with all_values as (
  select session_category as value_field, count(*) as n_records
  from `f1_prod`.`silver_clean`.`silver_sessions`
  group by session_category
)
select * from all_values
where value_field not in ('Race', 'Sprint', 'Qualifying', 'Sprint Qualifying', 'Practice', 'Testing', 'Other')
