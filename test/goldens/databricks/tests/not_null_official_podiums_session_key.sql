select session_key from `f1_prod`.`gold_analytics`.`official_podiums` where session_key is null
