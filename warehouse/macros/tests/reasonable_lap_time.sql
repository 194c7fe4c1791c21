{#
  reasonable_lap_time: fails for lap times outside [min_seconds, max_seconds] (NULL passes).
  Default bounds: the shortest F1 lap is about 55 s (Bahrain outer loop 2020) and even a
  safety-car lap of the longest circuits stays under 4 minutes (Las Vegas 2023: 3:06); pass
  max_seconds=180 for best laps, and use `where` to restrict to valid laps. Original design's test.
#}
{% test reasonable_lap_time(model, column_name, min_seconds=50, max_seconds=240) %}

select *
from {{ model }}
where {{ column_name }} < {{ min_seconds }}
   or {{ column_name }} > {{ max_seconds }}

{% endtest %}
