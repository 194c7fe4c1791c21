select driver_number as unique_field, count(*) as n_records
from "dev_f1_data_analytics"."silver_clean"."silver_drivers"
where driver_number is not null
group by driver_number
having count(*) > 1
