-- Silver has no sentinel values left: throttle/brake 104, gears above 8, x = y = z = 0 locations.
select 'car_data' as source, session_key, driver_number, date
from `f1_prod`.`silver_clean`.`silver_car_data`
where throttle > 100 or brake > 100 or n_gear > 8
union all
select 'locations', session_key, driver_number, date
from `f1_prod`.`silver_clean`.`silver_locations`
where position_x = 0 and position_y = 0 and coalesce(position_z, 0) = 0
