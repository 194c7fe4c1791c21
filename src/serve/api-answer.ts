/**
 * @module serve/api-answer
 * How the API's types come from its zod schemas: {@link Answer} is what a schema validates,
 * read-only all the way down (clients never change an answer; servers build new ones). Types
 * only, imported with `import type`, so nothing of zod reaches the dashboard's bundle.
 */
import type { z } from 'zod'

/** A JSON value as the API returns it. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue }

/**
 * `T` with every property and array read-only, recursively. {@link JsonValue} itself (a free
 * JSON column) is read-only already and recursive, so it is left as it is.
 */
export type Immutable<T> = [T] extends [JsonValue]
  ? [JsonValue] extends [T]
    ? T
    : DeepReadonly<T>
  : DeepReadonly<T>

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly Immutable<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Immutable<T[K]> }
    : T

/** The answer a zod schema describes, read-only. */
export type Answer<S extends z.ZodType> = Immutable<z.output<S>>
