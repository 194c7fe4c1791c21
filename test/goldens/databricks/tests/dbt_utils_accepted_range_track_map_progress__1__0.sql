with meet_condition as (select * from `f1_prod`.`gold_analytics`.`track_map`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not progress >= 0
    or not progress <= 1
)
select * from validation_errors
