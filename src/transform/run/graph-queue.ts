/**
 * @module transform/run/graph-queue
 * dbt's `GraphQueue`: the selected nodes, released when all their selected parents are done,
 * handed out in topological order. Not thread-safe in the OS sense; callers run on one event loop
 * and must call {@link GraphQueue.markDone} exactly once per node taken.
 */

/** A DAG-backed work queue. */
export class GraphQueue {
  private readonly pending = new Map<string, number>()
  private readonly children = new Map<string, string[]>()
  private readonly rank = new Map<string, number>()
  private readonly ready: string[] = []
  private readonly done = new Set<string>()

  /**
   * @param ids the nodes to run, in topological order (the order breaks ties)
   * @param parents each node's parents; parents outside `ids` are ignored (assumed built)
   */
  constructor(ids: readonly string[], parents: ReadonlyMap<string, readonly string[]>) {
    const set = new Set(ids)
    ids.forEach((id, i) => this.rank.set(id, i))
    for (const id of ids) {
      const ps = [...new Set(parents.get(id) ?? [])].filter((p) => set.has(p) && p !== id)
      this.pending.set(id, ps.length)
      for (const p of ps) {
        const list = this.children.get(p) ?? []
        list.push(id)
        this.children.set(p, list)
      }
      if (ps.length === 0) this.ready.push(id)
    }
  }

  /** Takes the next ready node (lowest topological index), or undefined. */
  take(): string | undefined {
    if (this.ready.length === 0) return undefined
    this.ready.sort((a, b) => this.rank.get(a)! - this.rank.get(b)!)
    const id = this.ready.shift()!
    this.pending.delete(id)
    return id
  }

  /** Marks `id` finished; its children whose parents are all done become ready. */
  markDone(id: string): void {
    if (this.done.has(id)) return
    this.done.add(id)
    this.pending.delete(id)
    for (const c of this.children.get(id) ?? []) {
      const n = this.pending.get(c)
      if (n === undefined) continue
      this.pending.set(c, n - 1)
      if (n - 1 === 0) this.ready.push(c)
    }
  }

  /** Every node downstream of `id` in the queue that has not run yet. */
  pendingDescendants(id: string): string[] {
    const out: string[] = []
    const seen = new Set<string>()
    const stack = [...(this.children.get(id) ?? [])]
    while (stack.length > 0) {
      const c = stack.pop()!
      if (seen.has(c) || this.done.has(c)) continue
      seen.add(c)
      out.push(c)
      stack.push(...(this.children.get(c) ?? []))
    }
    return out
  }

  /** Removes a node that will not run (skipped), releasing nothing. */
  drop(id: string): void {
    this.done.add(id)
    this.pending.delete(id)
    const i = this.ready.indexOf(id)
    if (i >= 0) this.ready.splice(i, 1)
  }

  /** True when nothing is ready or waiting. */
  get empty(): boolean {
    return this.ready.length === 0 && this.pending.size === 0
  }
}
