with all_values as (
  select team_name as value_field, count(*) as n_records
  from "dev_f1_data_analytics"."silver_clean"."silver_drivers"
  group by team_name
)
select * from all_values
where value_field not in ('ferrari', 'mclaren', 'red bull')
