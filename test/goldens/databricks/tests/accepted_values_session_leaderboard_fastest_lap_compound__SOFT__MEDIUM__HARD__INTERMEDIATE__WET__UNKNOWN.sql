with all_values as (
  select fastest_lap_compound as value_field, count(*) as n_records
  from `f1_prod`.`gold_analytics`.`session_leaderboard`
  group by fastest_lap_compound
)
select * from all_values
where value_field not in ('SOFT', 'MEDIUM', 'HARD', 'INTERMEDIATE', 'WET', 'UNKNOWN')
