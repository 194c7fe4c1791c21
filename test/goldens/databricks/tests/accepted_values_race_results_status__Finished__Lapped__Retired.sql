with all_values as (
  select status as value_field, count(*) as n_records
  from `f1_prod`.`gold_analytics`.`race_results`
  group by status
)
select * from all_values
where value_field not in ('Finished', 'Lapped', 'Retired')
