-- Leaderboard positions run 1..N without gaps and the gap to the fastest never shrinks down the
-- order (original design). Returns offending rows.
with ordered as (
  select
    session_key,
    position,
    delta_to_fastest,
    row_number() over (partition by session_key order by position) as expected_position,
    lag(delta_to_fastest) over (partition by session_key order by position) as previous_delta
  from `f1_prod`.`gold_analytics`.`session_leaderboard`
)
select *
from ordered
where position <> expected_position
   or delta_to_fastest < previous_delta
   or (position = 1 and delta_to_fastest <> 0)
