select lap_number from "dev_f1_data_analytics"."bronze_raw"."bronze_laps" where lap_number is null
