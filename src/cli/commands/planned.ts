/**
 * @module cli/commands/planned
 * The commands of DESIGN.md §5 that are not built yet. Each one is listed in `--help` marked
 * "not built yet" and, when run, says so and exits 2: it never pretends to work.
 */
import type { Command } from 'commander'
import { NotBuiltError } from '../../core/index.js'

/** A command that is designed but not built. */
export interface PlannedCommand {
  /** Name, e.g. `pipeline` or `docs generate` (space-separated for subcommands). */
  readonly name: string
  /** One line for `--help`. */
  readonly summary: string
  /** The issue that builds it, when one is filed. */
  readonly issue?: number
}

/** Commands still to come, in DESIGN.md §5 order. Entries leave this list as they are built. */
export const PLANNED_COMMANDS: readonly PlannedCommand[] = [
  { name: 'pipeline', summary: 'extract → load → build as one run with history' },
  { name: 'schedule', summary: 'run the pipeline when new sessions finish' },
  { name: 'serve', summary: 'REST API + SQL endpoint + dashboard' },
  { name: 'grant', summary: 'grant a privilege (Unity Catalog style)' },
  { name: 'revoke', summary: 'revoke a privilege' },
  { name: 'principals', summary: 'list principals and their grants' },
]

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
  cmd.action(() => {
    throw new NotBuiltError(`pitwall ${spec.name}`, spec.issue)
  })
}
