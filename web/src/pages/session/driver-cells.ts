/**
 * @module web/pages/session/driver-cells
 * Table cells shared by the session tabs: a driver with the team colour bar (linking to the
 * driver's page), and a tyre compound as the broadcast's coloured ring.
 */
import { h } from '../../ui/dom.js'
import { teamColour } from '../../ui/format.js'

/** The compounds' colours (Pirelli's) and letters. */
export const COMPOUNDS: Readonly<Record<string, { colour: string; letter: string }>> = {
  SOFT: { colour: '#da291c', letter: 'S' },
  MEDIUM: { colour: '#ffd12e', letter: 'M' },
  HARD: { colour: '#e8e8e8', letter: 'H' },
  INTERMEDIATE: { colour: '#43b02a', letter: 'I' },
  WET: { colour: '#0067ad', letter: 'W' },
}

/** A compound's colour (grey when unknown). */
export function compoundColour(compound: string | null | undefined): string {
  return COMPOUNDS[(compound ?? '').toUpperCase()]?.colour ?? '#8a8a8a'
}

/** A tyre badge. */
export function tyre(compound: string | null | undefined): HTMLElement {
  if (compound === null || compound === undefined) return h('span', { class: 'muted' }, '—')
  const c = COMPOUNDS[compound.toUpperCase()]
  return h(
    'span',
    {
      class: 'tyre',
      style: `border-color:${c?.colour ?? '#8a8a8a'}`,
      title: compound,
      'aria-label': compound,
    },
    c?.letter ?? compound.slice(0, 1),
  )
}

/** A driver cell: team colour, acronym (bold), full name, link to the driver's page. */
export function driverCell(
  sessionKey: number,
  d: {
    driver_number: number
    name_acronym?: string | null
    full_name?: string | null
    team_colour?: string | null
  },
): HTMLElement {
  return h(
    'a',
    { href: `/sessions/${sessionKey}/drivers/${d.driver_number}`, class: 'driver' },
    h('span', {
      class: 'team-bar',
      style: `background:${teamColour(d.team_colour)}`,
      'aria-hidden': 'true',
    }),
    h('strong', {}, d.name_acronym ?? String(d.driver_number)),
    ' ',
    h('span', { class: 'muted' }, titleCase(d.full_name ?? '')),
  )
}

/** `Fernando ALONSO` → `Fernando Alonso`. */
export function titleCase(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => (w.length > 1 ? w[0] + w.slice(1).toLowerCase() : w))
    .join(' ')
}
