with meet_condition as (select * from `f1_prod`.`gold_analytics`.`dim_meetings`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not sessions_count >= 0
    or not sessions_count <= 50
)
select * from validation_errors
