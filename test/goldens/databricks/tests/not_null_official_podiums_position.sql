select position from `f1_prod`.`gold_analytics`.`official_podiums` where position is null
