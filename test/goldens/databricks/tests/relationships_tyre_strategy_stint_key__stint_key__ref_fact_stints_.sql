with child as (
  select stint_key as from_field from `f1_prod`.`gold_analytics`.`tyre_strategy` where stint_key is not null
),
parent as (
  select stint_key as to_field from `f1_prod`.`gold_analytics`.`fact_stints`
)
select from_field from child
left join parent on child.from_field = parent.to_field
where parent.to_field is null
