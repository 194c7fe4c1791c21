with meet_condition as (select * from `f1_prod`.`gold_analytics`.`fact_laps`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not delta_to_session_best >= 0
    or not delta_to_session_best <= 300
)
select * from validation_errors
