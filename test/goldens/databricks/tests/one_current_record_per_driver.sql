-- Exactly one current row per driver in dim_drivers (original design). Returns drivers with 0 or
-- more than 1 current version.
select driver_number, count(*) filter (where is_current) as current_rows
from `f1_prod`.`gold_analytics`.`dim_drivers`
group by driver_number
having count(*) filter (where is_current) <> 1
