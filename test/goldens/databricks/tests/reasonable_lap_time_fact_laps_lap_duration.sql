select *
from (select * from `f1_prod`.`gold_analytics`.`fact_laps` where is_valid_lap) dbt_subquery
where lap_duration < 50
   or lap_duration > 240
