with child as (
  select compound as from_field from `f1_prod`.`gold_analytics`.`fact_stints` where compound is not null
),
parent as (
  select compound as to_field from `f1_prod`.`gold_analytics`.`tyre_compounds`
)
select from_field from child
left join parent on child.from_field = parent.to_field
where parent.to_field is null
