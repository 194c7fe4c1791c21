select driver_number from "dev_f1_data_analytics"."silver_clean"."silver_drivers" where driver_number is null
