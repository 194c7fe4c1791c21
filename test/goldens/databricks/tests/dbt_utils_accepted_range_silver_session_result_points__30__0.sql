with meet_condition as (select * from `f1_prod`.`silver_clean`.`silver_session_result`),
validation_errors as (
  select * from meet_condition
  where 1 = 2
    or not points >= 0
    or not points <= 30
)
select * from validation_errors
