select
  session_key,
  meeting_key,
  session_name,
  session_type,
  session_category,
  date_start,
  date_end,
  is_cancelled,
  year,
  location,
  circuit_short_name
from `f1_prod`.`silver_clean`.`silver_sessions`
