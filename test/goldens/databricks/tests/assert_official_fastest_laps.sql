-- For every session in the official_fastest_laps seed that has been built, the session's fastest
-- valid lap and its driver equal the official result. Returns mismatches.
select official.session_key, official.driver_number, official.lap_duration, board.driver_number as built_driver,
  board.fastest_lap_time as built_lap
from `f1_prod`.`gold_analytics`.`official_fastest_laps` as official
join (select distinct session_key from `f1_prod`.`gold_analytics`.`fact_laps`) as built
  on built.session_key = official.session_key
left join `f1_prod`.`gold_analytics`.`session_leaderboard` as board
  on board.session_key = official.session_key
  and board.position = 1
where board.driver_number is distinct from official.driver_number
   or abs(board.fastest_lap_time - official.lap_duration) > 0.0005
   or board.fastest_lap_time is null
