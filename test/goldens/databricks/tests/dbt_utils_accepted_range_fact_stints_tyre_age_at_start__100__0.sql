with meet_condition as (select * from `f1_prod`.`gold_analytics`.`fact_stints`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not tyre_age_at_start >= 0
    or not tyre_age_at_start <= 100
)
select * from validation_errors
