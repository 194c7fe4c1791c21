with all_values as (
  select compound_before as value_field, count(*) as n_records
  from `f1_prod`.`gold_analytics`.`fact_pit_stops`
  group by compound_before
)
select * from all_values
where value_field not in ('SOFT', 'MEDIUM', 'HARD', 'INTERMEDIATE', 'WET', 'UNKNOWN')
