select * from "dev_f1_data_analytics"."gold_analytics"."fact_laps" where lap_number <= 0
