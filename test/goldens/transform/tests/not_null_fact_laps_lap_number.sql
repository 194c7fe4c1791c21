select lap_number from "dev_f1_data_analytics"."gold_analytics"."fact_laps" where lap_number is null
