/**
 * @module cli/command-spec
 * What a command is: a light spec that describes it for `--help` (name, description, arguments,
 * options, through commander's builder) and a loader for the module that runs it. The program
 * registers every spec at start; an action module (and DuckDB, the template engine, the layers
 * below) is loaded with `import()` only when its command runs, so `pitwall --help` and
 * `pitwall <cmd> --help` start in a fraction of a second.
 *
 * A spec module imports nothing at run time but `commander` types and other light spec helpers:
 * no `core`, no layer, no `node:` module beyond what describing options needs.
 *
 * @example
 * // src/cli/commands/hello.ts — the spec
 * export const helloCommand = defineCommand({
 *   name: 'hello',
 *   describe: (cmd) => cmd.description('say hello').argument('<who>').option('--loud', 'shout'),
 *   load: () => import('../actions/hello.js'),
 * })
 * // src/cli/actions/hello.ts — the action, loaded only when `pitwall hello` runs
 * export async function run(ctx: CliContext, { args, opts }: ActionInput<{ loud?: boolean }>) {
 *   ctx.emit({ who: args[0] }, `hello ${String(args[0])}${opts.loud === true ? '!' : ''}`)
 * }
 */
import type { Command } from 'commander'
import type { CliContext } from './context.js'

/** What an action receives from the command line. */
export interface ActionInput<O = Record<string, unknown>> {
  /** The positional arguments in declaration order (a variadic one is an array). */
  readonly args: readonly unknown[]
  /** The command's own options (global options are in the context). */
  readonly opts: O
  /** The commander command, for rare needs (`optsWithGlobals`, help). */
  readonly command: Command
}

/** The module an action lives in: loaded on demand, exports `run`. */
export interface ActionModule<O = Record<string, unknown>> {
  /** Runs the command. Throw typed errors; set the exit code with `ctx.setExitCode`. */
  run(ctx: CliContext, input: ActionInput<O>): Promise<void>
}

/** A command: how it is described, how its action is loaded, and its subcommands. */
export interface CommandSpec {
  /** The command's name as typed (`sql`, `docs`, `freshness`). */
  readonly name: string
  /** Adds description, aliases, arguments and options to the commander command. */
  readonly describe: (cmd: Command) => Command
  /** Loads the action module. Absent for a command that only groups subcommands (`table`). */
  readonly load?: () => Promise<ActionModule<never>>
  /** Subcommands (`table scan`, `docs serve`). */
  readonly subcommands?: readonly CommandSpec[]
}

/** Identity helper that types a spec (and keeps its action module's option type honest). */
export function defineCommand(spec: CommandSpec): CommandSpec {
  return spec
}

/** Commander collector for repeatable, comma-separable options (`--session a --session b,c`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  ]
}

/** Commander collector for repeatable options taken verbatim (`--set a=1,2 --set b=3`). */
export function collectRaw(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}
