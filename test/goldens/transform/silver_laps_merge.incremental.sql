with "__dbt__cte__stg_laps" as (
select session_key, driver_number, lap_number, lap_duration, _ingested_at
from "dev_f1_data_analytics"."bronze_raw"."bronze_laps"
where lap_number >= 1
)
select session_key, driver_number, lap_number, lap_duration, _ingested_at
from "__dbt__cte__stg_laps"

where _ingested_at > (select max(_ingested_at) from "dev_f1_data_analytics"."silver_clean"."silver_laps_merge")

qualify row_number() over (partition by session_key, driver_number, lap_number order by _ingested_at desc) = 1
