select constructor_lineage from `f1_prod`.`gold_analytics`.`team_categories` where constructor_lineage is null
