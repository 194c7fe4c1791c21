-- On every lap of lap_time_progression exactly one car leads, and the race winner (race_results)
-- leads the final lap. Returns offending laps.
with leaders as (
  select session_key, lap_number, count(*) filter (where is_leader) as leaders
  from `f1_prod`.`gold_analytics`.`lap_time_progression`
  group by session_key, lap_number
),
final_lap as (
  select results.session_key, results.driver_number, results.laps_completed
  from `f1_prod`.`gold_analytics`.`race_results` as results
  where results.position = 1
)
select session_key, lap_number, 'leaders' as problem
from leaders
where leaders <> 1
union all
select final_lap.session_key, final_lap.laps_completed, 'winner does not lead the last lap'
from final_lap
join `f1_prod`.`gold_analytics`.`lap_time_progression` as progression
  on progression.session_key = final_lap.session_key
  and progression.lap_number = final_lap.laps_completed
  and progression.position_at_lap = 1
where progression.driver_number <> final_lap.driver_number
