-- Track temperature against pace: each valid lap with the weather reading in force when it
-- started (ASOF join), for a scatter of lap time vs track temperature per compound.
select
  laps.session_key,
  laps.driver_number,
  laps.lap_number,
  laps.compound,
  laps.tyre_age,
  laps.lap_duration,
  weather.track_temperature,
  weather.air_temperature,
  weather.is_raining
from {{ ref('fact_laps') }} as laps
asof left join {{ ref('silver_weather') }} as weather
  on weather.session_key = laps.session_key
  and weather.date <= laps.lap_start_at
where laps.is_valid_lap
