with cur as (select * from "dev_f1_data_analytics"."gold_analytics"."driver_team_check" c where (c."dbt_valid_to" is null or c."dbt_valid_to" = cast('9999-12-31' as timestamp)))
-- new keys and new versions of changed rows
select s."driver_number" as "driver_number", s."full_name" as "full_name", s."team_name" as "team_name", s."updated_at" as "updated_at", md5(concat_ws('|', coalesce(cast(s."driver_number" as varchar), ''), cast(cast('2025-01-01T00:00:00Z' as timestamp) as varchar), cast(cast('2025-01-01T00:00:00Z' as timestamp) as varchar))) as "dbt_scd_id", cast('2025-01-01T00:00:00Z' as timestamp) as "dbt_updated_at", cast('2025-01-01T00:00:00Z' as timestamp) as "dbt_valid_from", cast('9999-12-31' as timestamp) as "dbt_valid_to", false as "dbt_is_deleted"
from (select * from src) s left join cur c on s."driver_number" is not distinct from c."driver_number"
where c."dbt_scd_id" is null or (s."team_name" is distinct from c."team_name") or coalesce(c."dbt_is_deleted", false)
union all
-- the versions they replace, closed
select c."driver_number" as "driver_number", c."full_name" as "full_name", c."team_name" as "team_name", c."updated_at" as "updated_at", c."dbt_scd_id" as "dbt_scd_id", c."dbt_updated_at" as "dbt_updated_at", c."dbt_valid_from" as "dbt_valid_from", cast('2025-01-01T00:00:00Z' as timestamp) as "dbt_valid_to", c."dbt_is_deleted" as "dbt_is_deleted"
from cur c join (select * from src) s on s."driver_number" is not distinct from c."driver_number"
where (s."team_name" is distinct from c."team_name") or coalesce(c."dbt_is_deleted", false)
union all
-- rows gone from the source, closed
select c."driver_number" as "driver_number", c."full_name" as "full_name", c."team_name" as "team_name", c."updated_at" as "updated_at", c."dbt_scd_id" as "dbt_scd_id", c."dbt_updated_at" as "dbt_updated_at", c."dbt_valid_from" as "dbt_valid_from", cast('2025-01-01T00:00:00Z' as timestamp) as "dbt_valid_to", c."dbt_is_deleted" as "dbt_is_deleted"
from cur c
where not exists (select 1 from (select * from src) s where s."driver_number" is not distinct from c."driver_number") and not coalesce(c."dbt_is_deleted", false)
union all
-- and recorded as deleted
select c."driver_number" as "driver_number", c."full_name" as "full_name", c."team_name" as "team_name", c."updated_at" as "updated_at", md5(concat_ws('|', coalesce(cast(c."driver_number" as varchar), ''), cast(concat(cast('2025-01-01T00:00:00Z' as timestamp), '|deleted') as varchar), cast(cast('2025-01-01T00:00:00Z' as timestamp) as varchar))) as "dbt_scd_id", cast('2025-01-01T00:00:00Z' as timestamp) as "dbt_updated_at", cast('2025-01-01T00:00:00Z' as timestamp) as "dbt_valid_from", cast('9999-12-31' as timestamp) as "dbt_valid_to", true as "dbt_is_deleted"
from cur c
where not exists (select 1 from (select * from src) s where s."driver_number" is not distinct from c."driver_number") and not coalesce(c."dbt_is_deleted", false)
