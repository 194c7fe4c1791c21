select * from "dev_f1_data_analytics"."gold_analytics"."fact_laps"
where not(lap_rank >= 1)
