with child as (
  select driver_number as from_field from "dev_f1_data_analytics"."gold_analytics"."fact_laps" where driver_number is not null
),
parent as (
  select driver_number as to_field from "dev_f1_data_analytics"."silver_clean"."silver_drivers"
)
select from_field from child
left join parent on child.from_field = parent.to_field
where parent.to_field is null
