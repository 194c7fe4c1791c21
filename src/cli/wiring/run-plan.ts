/**
 * @module cli/wiring/run-plan
 * What a run command will run, known before anything starts: the nodes its selection picks (so
 * the progress reads "1 of 505" from the first line, as dbt's) and the selection criteria that
 * match nothing (warned about as dbt does). Selection is pure, so working it out here costs a
 * few milliseconds and lets a typo be reported before DuckDB opens.
 */
import {
  buildDag,
  COMMAND_RESOURCES,
  evaluateSelector,
  selectNodes,
  type ParsedProject,
  type RunCommand,
} from '../../transform/index.js'

/** The selection side of a run. */
export interface RunSelection {
  readonly select?: readonly string[]
  readonly exclude?: readonly string[]
  readonly selector?: string
  readonly state?: Parameters<typeof selectNodes>[0]['state']
  readonly stateMacros?: Parameters<typeof selectNodes>[0]['stateMacros']
  readonly results?: Parameters<typeof selectNodes>[0]['results']
}

/** The plan of a run. */
export interface RunPlan {
  /** The nodes the run will execute (or skip), by unique id. */
  readonly nodes: ReadonlySet<string>
  /** `--select` criteria that match no node of the project at all. */
  readonly unmatched: readonly string[]
}

/** dbt's warning when a run has nothing to do. */
export const NOTHING_TO_DO =
  'Nothing to do. Try checking your model configs and model specification args'

/** Works out what `command` with `selection` runs in `project`. */
export function planRun(
  project: ParsedProject,
  command: RunCommand,
  selection: RunSelection,
): RunPlan {
  const ctx = {
    nodes: { ...project.nodes, ...project.sources },
    dag: buildDag(project.nodes, Object.keys(project.sources)),
    macros: project.macros,
    ...(selection.state === undefined ? {} : { state: selection.state }),
    ...(selection.stateMacros === undefined ? {} : { stateMacros: selection.stateMacros }),
    ...(selection.results === undefined ? {} : { results: selection.results }),
  }
  const nodes = selectNodes(ctx, selection.select, selection.exclude, {
    resourceTypes: COMMAND_RESOURCES[command],
    ...(selection.selector === undefined
      ? {}
      : { base: evaluateSelector(ctx, project.selectors, selection.selector) }),
  })
  const unmatched = (selection.select ?? [])
    .flatMap((s) => s.split(/\s+/))
    .filter((term) => term !== '')
    .filter((term) => selectNodes(ctx, [term], undefined, { indirectTests: false }).size === 0)
  return { nodes, unmatched }
}
