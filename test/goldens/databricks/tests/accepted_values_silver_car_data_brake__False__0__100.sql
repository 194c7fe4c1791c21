with all_values as (
  select brake as value_field, count(*) as n_records
  from `f1_prod`.`silver_clean`.`silver_car_data`
  group by brake
)
select * from all_values
where value_field not in (0, 100)
