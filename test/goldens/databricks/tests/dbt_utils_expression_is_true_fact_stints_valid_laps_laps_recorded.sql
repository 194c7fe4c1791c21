select * from `f1_prod`.`gold_analytics`.`fact_stints`
where not(valid_laps <= laps_recorded)
