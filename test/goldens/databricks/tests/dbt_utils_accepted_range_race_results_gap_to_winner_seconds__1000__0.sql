with meet_condition as (select * from `f1_prod`.`gold_analytics`.`race_results`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not gap_to_winner_seconds >= 0
    or not gap_to_winner_seconds <= 1000
)
select * from validation_errors
