select l.session_key, l.driver_number, l.lap_number,
  round(l.lap_duration, 3) as lap_seconds,
  d.full_name,
  rank() over (partition by l.session_key order by l.lap_duration) as lap_rank
from "dev_f1_data_analytics"."silver_clean"."silver_laps_merge" l
left join "dev_f1_data_analytics"."silver_clean"."silver_drivers" d using (driver_number)
