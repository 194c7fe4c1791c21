with meet_condition as (select * from `f1_prod`.`gold_analytics`.`official_podiums`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not position >= 1
    or not position <= 3
)
select * from validation_errors
