with all_values as (
  select compound as value_field, count(*) as n_records
  from `f1_prod`.`silver_clean`.`silver_stints`
  group by compound
)
select * from all_values
where value_field not in ('SOFT', 'MEDIUM', 'HARD', 'INTERMEDIATE', 'WET', 'UNKNOWN')
