select compound as unique_field, count(*) as n_records
from `f1_prod`.`gold_analytics`.`tyre_compounds`
where compound is not null
group by compound
having count(*) > 1
