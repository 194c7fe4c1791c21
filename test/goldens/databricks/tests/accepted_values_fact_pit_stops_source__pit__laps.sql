with all_values as (
  select source as value_field, count(*) as n_records
  from `f1_prod`.`gold_analytics`.`fact_pit_stops`
  group by source
)
select * from all_values
where value_field not in ('pit', 'laps')
