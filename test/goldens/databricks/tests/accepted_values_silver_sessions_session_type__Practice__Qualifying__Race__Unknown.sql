with all_values as (
  select session_type as value_field, count(*) as n_records
  from `f1_prod`.`silver_clean`.`silver_sessions`
  group by session_type
)
select * from all_values
where value_field not in ('Practice', 'Qualifying', 'Race', 'Unknown')
