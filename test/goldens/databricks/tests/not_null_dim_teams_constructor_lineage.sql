select constructor_lineage from `f1_prod`.`gold_analytics`.`dim_teams` where constructor_lineage is null
