select meeting_key as unique_field, count(*) as n_records
from `f1_prod`.`silver_clean`.`silver_meetings`
where meeting_key is not null
group by meeting_key
having count(*) > 1
