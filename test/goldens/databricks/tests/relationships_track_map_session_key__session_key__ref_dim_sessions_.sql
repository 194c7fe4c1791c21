with child as (
  select session_key as from_field from `f1_prod`.`gold_analytics`.`track_map` where session_key is not null
),
parent as (
  select session_key as to_field from `f1_prod`.`gold_analytics`.`dim_sessions`
)
select from_field from child
left join parent on child.from_field = parent.to_field
where parent.to_field is null
