with meet_condition as (select * from `f1_prod`.`gold_analytics`.`dim_teams`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not drivers_count >= 1
    or not drivers_count <= 100
)
select * from validation_errors
