/**
 * @module transform/project/parsers/parse-snapshots
 * dbt's `SnapshotParser`: every `{% snapshot name %}` block of the `.sql` files under the
 * snapshot paths, and dbt 1.9's YAML snapshots (a `snapshots:` entry with `relation:`), which
 * select everything from that relation.
 */
import { addFileNode, captureFile } from '../node-builder.js'
import type { ParseContext } from '../parse-context.js'
import { filesUnder, type FoundFile } from '../paths.js'
import { extractBlocks } from '../blocks.js'
import { optional } from './parse-models.js'

/** Adds every snapshot of the project to `ctx.nodes`. */
export function parseSnapshots(ctx: ParseContext): void {
  for (const f of filesUnder(ctx.files, ctx.config['snapshot-paths'], ['.sql'])) {
    for (const block of extractBlocks(f.text, 'snapshot')) {
      addFileNode(ctx, {
        type: 'snapshot',
        file: f,
        name: block.name,
        body: block.body,
        tree: ctx.config.snapshots,
        ...optional('patch', ctx.patches.get(`snapshots:${block.name}`)),
        capture: captureFile(ctx, f, 'snapshot', block.name, block.body),
      })
    }
  }
  for (const patch of ctx.patches.values()) {
    if (patch.kind !== 'snapshots' || patch.relation === undefined) continue
    const body = `select * from {{ ${patch.relation} }}`
    const f: FoundFile = {
      file: patch.file,
      relative: patch.file.slice(patch.file.indexOf('/') + 1),
      root: '',
      text: body,
    }
    addFileNode(ctx, {
      type: 'snapshot',
      file: f,
      name: patch.name,
      body,
      tree: ctx.config.snapshots,
      patch,
      capture: captureFile(ctx, f, 'snapshot', patch.name, body),
    })
  }
}
