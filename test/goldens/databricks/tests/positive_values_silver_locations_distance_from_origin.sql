select *
from `f1_prod`.`silver_clean`.`silver_locations`
where distance_from_origin <= 0
