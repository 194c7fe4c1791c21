/**
 * @module transform/template/jinja/tests
 * Jinja2's tests (`x is defined`, `is none`, `is string`, `is mapping`, `is divisibleby 3`, …).
 */
import { compare } from './ops.js'
import type { RenderState, TestFn } from './runtime.js'
import {
  isFloat,
  isJinjaCallable,
  isMapping,
  isNumeric,
  PyFloat,
  pyEquals,
  toNumber,
  Undefined,
} from './values.js'

const isNumber = (v: unknown): boolean =>
  typeof v === 'number' || v instanceof PyFloat || typeof v === 'boolean'
const cmp =
  (op: string): TestFn =>
  (v, [other]) =>
    compare(op, v, other)

/** The built-in tests by name. */
export const TESTS: ReadonlyMap<string, TestFn> = new Map<string, TestFn>([
  ['defined', (v) => !(v instanceof Undefined)],
  ['undefined', (v) => v instanceof Undefined],
  ['none', (v) => v === null],
  ['boolean', (v) => typeof v === 'boolean'],
  ['false', (v) => v === false],
  ['true', (v) => v === true],
  ['integer', (v) => typeof v === 'number' && Number.isInteger(v)],
  ['float', (v) => isFloat(v)],
  ['number', isNumber],
  ['string', (v) => typeof v === 'string'],
  ['mapping', (v) => isMapping(v)],
  [
    'iterable',
    (v) =>
      typeof v === 'string' ||
      Array.isArray(v) ||
      v instanceof Map ||
      v instanceof Set ||
      (v !== null &&
        typeof v === 'object' &&
        !(v instanceof Undefined) &&
        (isMapping(v) || Symbol.iterator in v)),
  ],
  ['sequence', (v) => typeof v === 'string' || Array.isArray(v) || isMapping(v)],
  ['callable', (v) => typeof v === 'function' || isJinjaCallable(v)],
  ['odd', (v) => isNumeric(v) && Math.abs(toNumber(v) % 2) === 1],
  ['even', (v) => isNumeric(v) && toNumber(v) % 2 === 0],
  ['divisibleby', (v, [n]) => toNumber(v as number) % toNumber(n as number) === 0],
  ['lower', (v) => typeof v === 'string' && v === v.toLowerCase()],
  ['upper', (v) => typeof v === 'string' && v === v.toUpperCase()],
  [
    'sameas',
    (v, [other]) =>
      v === other || (v instanceof PyFloat && other instanceof PyFloat && v.value === other.value),
  ],
  ['escaped', () => false],
  ['in', (v, [seq]) => compare('in', v, seq)],
  ['eq', (v, [o]) => pyEquals(v, o)],
  ['equalto', (v, [o]) => pyEquals(v, o)],
  ['==', (v, [o]) => pyEquals(v, o)],
  ['ne', (v, [o]) => !pyEquals(v, o)],
  ['!=', (v, [o]) => !pyEquals(v, o)],
  ['lt', cmp('<')],
  ['lessthan', cmp('<')],
  ['<', cmp('<')],
  ['le', cmp('<=')],
  ['<=', cmp('<=')],
  ['gt', cmp('>')],
  ['greaterthan', cmp('>')],
  ['>', cmp('>')],
  ['ge', cmp('>=')],
  ['>=', cmp('>=')],
  ['filter', (v, _a, state: RenderState) => typeof v === 'string' && state.filters.has(v)],
  ['test', (v, _a, state: RenderState) => typeof v === 'string' && state.tests.has(v)],
])
