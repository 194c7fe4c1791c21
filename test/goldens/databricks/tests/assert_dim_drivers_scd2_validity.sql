-- SCD2 validity of dim_drivers (original design): versions of a driver never overlap, a closed
-- version ends after it starts, and only the latest version is open. Returns offending versions.
with versions as (
  select
    driver_number,
    driver_key,
    valid_from,
    valid_to,
    is_current,
    lead(valid_from) over (partition by driver_number order by valid_from) as next_valid_from
  from `f1_prod`.`gold_analytics`.`dim_drivers`
)
select *
from versions
where (valid_to is not null and valid_to <= valid_from)
   or (next_valid_from is not null and (valid_to is null or valid_to > next_valid_from))
   or (is_current and valid_to is not null)
   or (not is_current and valid_to is null)
