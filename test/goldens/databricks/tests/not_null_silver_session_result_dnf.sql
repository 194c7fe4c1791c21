select dnf from `f1_prod`.`silver_clean`.`silver_session_result` where dnf is null
