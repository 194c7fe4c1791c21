/**
 * @module openf1/simulate/sim-grid
 * The simulator's fixed facts: the 2024 grid (drivers, teams, colours) and calendar (circuits,
 * lengths, time zones, sprint weekends). Public facts, used as names only; all timing is synthetic.
 */

/** A driver of the simulated grid. */
export interface SimDriver {
  readonly number: number
  readonly first: string
  readonly last: string
  readonly acronym: string
  readonly team: string
  readonly country: string
  /** Pace offset in % of lap time (0 = fastest). */
  readonly pace: number
}

const TEAMS: Readonly<Record<string, { colour: string; pace: number }>> = {
  'Red Bull Racing': { colour: '3671C6', pace: 0.0 },
  McLaren: { colour: 'FF8000', pace: 0.1 },
  Ferrari: { colour: 'E8002D', pace: 0.2 },
  Mercedes: { colour: '27F4D2', pace: 0.35 },
  'Aston Martin': { colour: '229971', pace: 0.9 },
  RB: { colour: '6692FF', pace: 1.1 },
  Haas: { colour: 'B6BABD', pace: 1.15 },
  Alpine: { colour: 'FF87BC', pace: 1.25 },
  Williams: { colour: '64C4FF', pace: 1.35 },
  'Kick Sauber': { colour: '52E252', pace: 1.6 },
}

/** The team colour (hex without `#`, as the API sends it). */
export function teamColour(team: string): string {
  return TEAMS[team]?.colour ?? 'FFFFFF'
}

const D = (
  number: number,
  first: string,
  last: string,
  acronym: string,
  team: string,
  country: string,
  own: number,
): SimDriver => ({
  number,
  first,
  last,
  acronym,
  team,
  country,
  pace: (TEAMS[team]?.pace ?? 1) + own,
})

/** The 2024 grid. */
export const SIM_DRIVERS: readonly SimDriver[] = [
  D(1, 'Max', 'Verstappen', 'VER', 'Red Bull Racing', 'NED', 0),
  D(11, 'Sergio', 'Perez', 'PER', 'Red Bull Racing', 'MEX', 0.35),
  D(4, 'Lando', 'Norris', 'NOR', 'McLaren', 'GBR', 0.02),
  D(81, 'Oscar', 'Piastri', 'PIA', 'McLaren', 'AUS', 0.12),
  D(16, 'Charles', 'Leclerc', 'LEC', 'Ferrari', 'MON', 0.02),
  D(55, 'Carlos', 'Sainz', 'SAI', 'Ferrari', 'ESP', 0.08),
  D(44, 'Lewis', 'Hamilton', 'HAM', 'Mercedes', 'GBR', 0.05),
  D(63, 'George', 'Russell', 'RUS', 'Mercedes', 'GBR', 0.03),
  D(14, 'Fernando', 'Alonso', 'ALO', 'Aston Martin', 'ESP', 0),
  D(18, 'Lance', 'Stroll', 'STR', 'Aston Martin', 'CAN', 0.3),
  D(22, 'Yuki', 'Tsunoda', 'TSU', 'RB', 'JPN', 0.05),
  D(3, 'Daniel', 'Ricciardo', 'RIC', 'RB', 'AUS', 0.15),
  D(27, 'Nico', 'Hulkenberg', 'HUL', 'Haas', 'GER', 0.05),
  D(20, 'Kevin', 'Magnussen', 'MAG', 'Haas', 'DEN', 0.2),
  D(10, 'Pierre', 'Gasly', 'GAS', 'Alpine', 'FRA', 0.05),
  D(31, 'Esteban', 'Ocon', 'OCO', 'Alpine', 'FRA', 0.1),
  D(23, 'Alexander', 'Albon', 'ALB', 'Williams', 'THA', 0),
  D(2, 'Logan', 'Sargeant', 'SAR', 'Williams', 'USA', 0.4),
  D(77, 'Valtteri', 'Bottas', 'BOT', 'Kick Sauber', 'FIN', 0),
  D(24, 'Guanyu', 'Zhou', 'ZHO', 'Kick Sauber', 'CHN', 0.2),
]

/** A circuit of the simulated calendar. */
export interface SimCircuit {
  readonly meeting: string
  readonly country: string
  readonly countryCode: string
  readonly location: string
  readonly circuit: string
  readonly circuitKey: number
  readonly countryKey: number
  /** Lap length in km. */
  readonly lengthKm: number
  /** Race pace lap time in seconds. */
  readonly lapSeconds: number
  /** UTC offset in hours. */
  readonly utcOffset: number
  readonly sprint: boolean
}

const C = (
  meeting: string,
  country: string,
  countryCode: string,
  location: string,
  circuit: string,
  circuitKey: number,
  countryKey: number,
  lengthKm: number,
  lapSeconds: number,
  utcOffset: number,
  sprint = false,
): SimCircuit => ({
  meeting,
  country,
  countryCode,
  location,
  circuit,
  circuitKey,
  countryKey,
  lengthKm,
  lapSeconds,
  utcOffset,
  sprint,
})

/** The 2024 calendar, in order. */
export const SIM_CALENDAR: readonly SimCircuit[] = [
  C('Bahrain Grand Prix', 'Bahrain', 'BRN', 'Sakhir', 'Sakhir', 63, 36, 5.412, 95, 3),
  C('Saudi Arabian Grand Prix', 'Saudi Arabia', 'KSA', 'Jeddah', 'Jeddah', 149, 153, 6.174, 91, 3),
  C('Australian Grand Prix', 'Australia', 'AUS', 'Melbourne', 'Melbourne', 10, 5, 5.278, 81, 11),
  C('Japanese Grand Prix', 'Japan', 'JPN', 'Suzuka', 'Suzuka', 46, 4, 5.807, 94, 9),
  C('Chinese Grand Prix', 'China', 'CHN', 'Shanghai', 'Shanghai', 49, 53, 5.451, 97, 8, true),
  C('Miami Grand Prix', 'United States', 'USA', 'Miami', 'Miami', 151, 19, 5.412, 91, -4, true),
  C('Emilia Romagna Grand Prix', 'Italy', 'ITA', 'Imola', 'Imola', 6, 13, 4.909, 80, 2),
  C('Monaco Grand Prix', 'Monaco', 'MON', 'Monaco', 'Monte Carlo', 22, 114, 3.337, 75, 2),
  C('Canadian Grand Prix', 'Canada', 'CAN', 'Montréal', 'Montreal', 23, 46, 4.361, 77, -4),
  C('Spanish Grand Prix', 'Spain', 'ESP', 'Barcelona', 'Catalunya', 15, 1, 4.657, 78, 2),
  C('Austrian Grand Prix', 'Austria', 'AUT', 'Spielberg', 'Spielberg', 19, 17, 4.318, 69, 2, true),
  C(
    'British Grand Prix',
    'United Kingdom',
    'GBR',
    'Silverstone',
    'Silverstone',
    2,
    2,
    5.891,
    91,
    1,
  ),
  C('Hungarian Grand Prix', 'Hungary', 'HUN', 'Budapest', 'Hungaroring', 4, 12, 4.381, 81, 2),
  C(
    'Belgian Grand Prix',
    'Belgium',
    'BEL',
    'Spa-Francorchamps',
    'Spa-Francorchamps',
    7,
    16,
    7.004,
    108,
    2,
  ),
  C('Dutch Grand Prix', 'Netherlands', 'NED', 'Zandvoort', 'Zandvoort', 55, 21, 4.259, 75, 2),
  C('Italian Grand Prix', 'Italy', 'ITA', 'Monza', 'Monza', 39, 13, 5.793, 84, 2),
  C('Azerbaijan Grand Prix', 'Azerbaijan', 'AZE', 'Baku', 'Baku', 144, 30, 6.003, 106, 4),
  C('Singapore Grand Prix', 'Singapore', 'SGP', 'Marina Bay', 'Singapore', 61, 157, 4.94, 96, 8),
  C(
    'United States Grand Prix',
    'United States',
    'USA',
    'Austin',
    'Austin',
    9,
    19,
    5.513,
    98,
    -5,
    true,
  ),
  C('Mexico City Grand Prix', 'Mexico', 'MEX', 'Mexico City', 'Mexico City', 65, 38, 4.304, 81, -6),
  C(
    'São Paulo Grand Prix',
    'Brazil',
    'BRA',
    'São Paulo',
    'Interlagos',
    14,
    10,
    4.309,
    74,
    -3,
    true,
  ),
  C(
    'Las Vegas Grand Prix',
    'United States',
    'USA',
    'Las Vegas',
    'Las Vegas',
    152,
    19,
    6.201,
    96,
    -8,
  ),
  C('Qatar Grand Prix', 'Qatar', 'QAT', 'Lusail', 'Lusail', 150, 239, 5.419, 86, 3, true),
  C(
    'Abu Dhabi Grand Prix',
    'United Arab Emirates',
    'UAE',
    'Yas Island',
    'Yas Marina Circuit',
    70,
    158,
    5.281,
    88,
    4,
  ),
]
