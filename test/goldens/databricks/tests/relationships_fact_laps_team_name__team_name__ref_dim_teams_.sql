with child as (
  select team_name as from_field from `f1_prod`.`gold_analytics`.`fact_laps` where team_name is not null
),
parent as (
  select team_name as to_field from `f1_prod`.`gold_analytics`.`dim_teams`
)
select from_field from child
left join parent on child.from_field = parent.to_field
where parent.to_field is null
