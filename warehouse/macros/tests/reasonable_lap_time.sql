{#
  reasonable_lap_time: fails for lap times outside [min_seconds, max_seconds] (NULL passes).
  Default bounds: the shortest F1 lap is about 55 s (Bahrain outer loop 2020) and a safety-car lap
  of the longest circuits stays around 3 minutes (Las Vegas 2023: 3:06; Canada 2023 has a 3:38
  valid lap); pass max_seconds=180 for a driver's best lap of a session, and use `where` to
  restrict to valid laps. Original design's test. A plausibility check, not a rule: real races
  contain laps under red flags and safety cars (a lap-1 red flag gives one-lap stints of 3+
  minutes), so the warehouse declares it with severity warn.
#}
{% test reasonable_lap_time(model, column_name, min_seconds=50, max_seconds=240) %}

select *
from {{ model }}
where {{ column_name }} < {{ min_seconds }}
   or {{ column_name }} > {{ max_seconds }}

{% endtest %}
