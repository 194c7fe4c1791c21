with all_values as (
  select sector_completeness as value_field, count(*) as n_records
  from `f1_prod`.`gold_analytics`.`fact_laps`
  group by sector_completeness
)
select * from all_values
where value_field not in ('Complete', 'Partial', 'No Sectors')
