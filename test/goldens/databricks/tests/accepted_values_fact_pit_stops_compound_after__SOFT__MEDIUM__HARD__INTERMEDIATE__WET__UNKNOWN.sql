with all_values as (
  select compound_after as value_field, count(*) as n_records
  from `f1_prod`.`gold_analytics`.`fact_pit_stops`
  group by compound_after
)
select * from all_values
where value_field not in ('SOFT', 'MEDIUM', 'HARD', 'INTERMEDIATE', 'WET', 'UNKNOWN')
