select compounds_used from `f1_prod`.`gold_analytics`.`driver_session_summary` where compounds_used is null
