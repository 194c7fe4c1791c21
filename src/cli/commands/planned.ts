/**
 * @module cli/commands/planned
 * The commands of DESIGN.md §5 that are not built yet. Each one is listed in `--help` marked
 * "[not built yet]" and, when run, says so (naming the issue that builds it) and exits 2: it
 * never pretends to work. An entry leaves this list when its command lands in `index.ts`.
 */
import type { Command } from 'commander'

/** A command that is designed but not built. */
export interface PlannedCommand {
  /** Name, e.g. `pipeline` or `show grants` (space-separated for subcommands). */
  readonly name: string
  /** One line for `--help`. */
  readonly summary: string
  /** The issue that builds it, when one is filed. */
  readonly issue?: number
}

/** Commands still to come, in DESIGN.md §5 order. Entries leave this list as they are built. */
export const PLANNED_COMMANDS: readonly PlannedCommand[] = []

/** Adds `spec` to `program`: listed in help, refusing to run. */
export function registerPlanned(program: Command, spec: PlannedCommand): void {
  const [head, sub] = spec.name.split(' ') as [string, string | undefined]
  const parent =
    sub === undefined
      ? program
      : (program.commands.find((c) => c.name() === head) ??
        program.command(head).description(`${head} commands`))
  const cmd = parent
    .command(sub ?? head)
    .description(`${spec.summary}  [not built yet]`)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
  cmd.action(async () => {
    const { NotBuiltError } = await import('../../core/index.js')
    throw new NotBuiltError(`pitwall ${spec.name}`, spec.issue)
  })
}
