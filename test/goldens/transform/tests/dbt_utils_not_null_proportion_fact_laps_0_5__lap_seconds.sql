with validation as (
  select sum(case when lap_seconds is null then 0 else 1 end) / cast(count(*) as double)
    as not_null_proportion
  from "dev_f1_data_analytics"."gold_analytics"."fact_laps"
),
validation_errors as (
  select not_null_proportion from validation
  where not_null_proportion < 0.5 or not_null_proportion > 1.0
)
select * from validation_errors
