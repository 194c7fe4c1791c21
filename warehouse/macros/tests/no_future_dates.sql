{#
  no_future_dates: fails for timestamps later than now (plus a day of clock skew). Timing data
  cannot come from the future. Original design's test.
#}
{% test no_future_dates(model, column_name) %}

select *
from {{ model }}
where {{ column_name }} > current_timestamp + interval 1 day

{% endtest %}
