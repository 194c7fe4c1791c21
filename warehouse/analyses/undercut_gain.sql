-- Undercut check per pit stop: did the driver gain positions over the laps around the stop?
-- Compares the running order two laps before the in-lap with two laps after the out-lap
-- (lap_time_progression). Compiled by `pitwall compile`, never materialized.
select
  stops.session_key,
  stops.driver_number,
  stops.lap_number as in_lap,
  stops.compound_before,
  stops.compound_after,
  before.position_at_lap as position_before,
  after.position_at_lap as position_after,
  before.position_at_lap - after.position_at_lap as positions_gained
from {{ ref('fact_pit_stops') }} as stops
join {{ ref('lap_time_progression') }} as before
  on before.session_key = stops.session_key
  and before.driver_number = stops.driver_number
  and before.lap_number = stops.lap_number - 2
join {{ ref('lap_time_progression') }} as after
  on after.session_key = stops.session_key
  and after.driver_number = stops.driver_number
  and after.lap_number = stops.lap_number + 3
order by positions_gained desc
