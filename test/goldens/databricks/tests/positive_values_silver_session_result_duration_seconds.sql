select *
from `f1_prod`.`silver_clean`.`silver_session_result`
where duration_seconds <= 0
