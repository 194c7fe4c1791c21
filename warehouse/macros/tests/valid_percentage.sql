{#
  valid_percentage: fails for values outside 0-100 (NULL passes). Original design's test.
#}
{% test valid_percentage(model, column_name) %}

select *
from {{ model }}
where {{ column_name }} < 0
   or {{ column_name }} > 100

{% endtest %}
