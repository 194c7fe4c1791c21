select driver_number, full_name, lower(team_name) as team_name, updated_at
from "dev_f1_data_analytics"."bronze_raw"."bronze_drivers"
