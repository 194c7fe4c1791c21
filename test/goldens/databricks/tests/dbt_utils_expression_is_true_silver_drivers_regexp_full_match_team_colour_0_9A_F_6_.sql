select * from `f1_prod`.`silver_clean`.`silver_drivers`
where not(regexp_full_match(team_colour, '[0-9A-F]{6}'))
