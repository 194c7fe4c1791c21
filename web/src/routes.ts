/**
 * @module web/routes
 * Every page of the dashboard by URL. Each page is its own chunk (loaded on first visit); the
 * pickers are the first page and stay small.
 */
import type { Route } from './router.js'

const pickers = () => import('./pages/pickers.js')
const session = () => import('./pages/session/session-page.js')
const catalog = () => import('./pages/warehouse/catalog-page.js')
const tests = () => import('./pages/warehouse/tests-page.js')
const runs = () => import('./pages/warehouse/runs-page.js')

/** The routes, most specific first. */
export const ROUTES: readonly Route[] = [
  { pattern: '/', section: 'sessions', title: 'Seasons', load: pickers },
  { pattern: '/seasons/:year', section: 'sessions', title: 'Meetings', load: pickers },
  {
    pattern: '/seasons/:year/meetings/:meeting',
    section: 'sessions',
    title: 'Sessions',
    load: pickers,
  },
  { pattern: '/sessions/:key', section: 'sessions', title: 'Session', load: session },
  { pattern: '/sessions/:key/:tab', section: 'sessions', title: 'Session', load: session },
  {
    pattern: '/sessions/:key/drivers/:driver',
    section: 'sessions',
    title: 'Driver',
    load: session,
  },
  { pattern: '/warehouse/catalog', section: 'catalog', title: 'Catalog', load: catalog },
  {
    pattern: '/warehouse/catalog/:catalog/:schema/:table',
    section: 'catalog',
    title: 'Table',
    load: catalog,
  },
  {
    pattern: '/warehouse/lineage',
    section: 'lineage',
    title: 'Lineage',
    load: () => import('./pages/warehouse/lineage-page.js'),
  },
  { pattern: '/warehouse/tests', section: 'tests', title: 'Data tests', load: tests },
  { pattern: '/warehouse/tests/:id', section: 'tests', title: 'Data test', load: tests },
  { pattern: '/warehouse/runs', section: 'runs', title: 'Pipeline runs', load: runs },
  { pattern: '/warehouse/runs/:id', section: 'runs', title: 'Pipeline run', load: runs },
  {
    pattern: '/warehouse/freshness',
    section: 'freshness',
    title: 'Freshness',
    load: () => import('./pages/warehouse/freshness-page.js'),
  },
  { pattern: '/sql', section: 'sql', title: 'SQL', load: () => import('./pages/sql-page.js') },
]

/** The top navigation: section, label, URL, and the layer it needs (if any). */
export const NAV: readonly { section: string; label: string; href: string; needs?: string }[] = [
  { section: 'sessions', label: 'Sessions', href: '/' },
  { section: 'catalog', label: 'Catalog', href: '/warehouse/catalog' },
  { section: 'lineage', label: 'Lineage', href: '/warehouse/lineage' },
  { section: 'tests', label: 'Data tests', href: '/warehouse/tests' },
  { section: 'runs', label: 'Runs', href: '/warehouse/runs', needs: 'system' },
  { section: 'freshness', label: 'Freshness', href: '/warehouse/freshness' },
  { section: 'sql', label: 'SQL', href: '/sql' },
]
