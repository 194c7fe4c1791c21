{#
  positive_values: fails for rows where the column is zero or negative (NULL passes).
  From the original design's custom generic tests.
#}
{% test positive_values(model, column_name) %}

select *
from {{ model }}
where {{ column_name }} <= 0

{% endtest %}
