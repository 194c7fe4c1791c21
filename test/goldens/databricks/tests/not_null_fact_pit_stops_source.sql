select source from `f1_prod`.`gold_analytics`.`fact_pit_stops` where source is null
