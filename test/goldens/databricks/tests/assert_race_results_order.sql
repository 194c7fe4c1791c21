-- race_results is ordered by laps completed, then finish time; classified drivers come before
-- unclassified ones; only the winner has gap 0. Returns offending rows.
with ordered as (
  select
    *,
    lag(laps_completed) over (partition by session_key order by position) as ahead_laps,
    lag(finished_at) over (partition by session_key order by position) as ahead_finished_at,
    lag(is_classified) over (partition by session_key order by position) as ahead_classified
  from `f1_prod`.`gold_analytics`.`race_results`
)
select session_key, driver_number, position
from ordered
where laps_completed > ahead_laps
   or (laps_completed = ahead_laps and finished_at < ahead_finished_at)
   or (is_classified and ahead_classified = false)
   or (position = 1 and (status <> 'Finished' or coalesce(gap_to_winner_seconds, 0) <> 0))
