-- For every race in the official_podiums seed that has been built, race_results puts the same
-- drivers on the podium. Returns mismatches.
select official.session_key, official.position, official.driver_number, results.driver_number as built_driver
from `f1_prod`.`gold_analytics`.`official_podiums` as official
join (select distinct session_key from `f1_prod`.`gold_analytics`.`race_results`) as built
  on built.session_key = official.session_key
left join `f1_prod`.`gold_analytics`.`race_results` as results
  on results.session_key = official.session_key
  and results.position = official.position
where results.driver_number is distinct from official.driver_number
