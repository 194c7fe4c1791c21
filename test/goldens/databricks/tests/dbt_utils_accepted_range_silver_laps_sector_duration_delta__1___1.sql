with meet_condition as (select * from (select * from `f1_prod`.`silver_clean`.`silver_laps` where sector_completeness = 'Complete') dbt_subquery),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not sector_duration_delta >= -1
    or not sector_duration_delta <= 1
)
select * from validation_errors
