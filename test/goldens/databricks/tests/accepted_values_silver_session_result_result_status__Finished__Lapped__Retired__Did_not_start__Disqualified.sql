with all_values as (
  select result_status as value_field, count(*) as n_records
  from `f1_prod`.`silver_clean`.`silver_session_result`
  group by result_status
)
select * from all_values
where value_field not in ('Finished', 'Lapped', 'Retired', 'Did not start', 'Disqualified')
