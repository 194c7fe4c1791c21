/**
 * The README's commands and the CLI's stay in step: every command and subcommand the CLI
 * registers is shown in the README as `pitwall <command> [<subcommand>]`, and every `pitwall …`
 * command line in the README's code (fenced blocks and inline code) names a command that exists,
 * with options that command (or the program) accepts. The CLI is read from its own program
 * (`buildProgram`), not from a list kept here.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { memoryIo } from '../../src/cli/index.js'
import { buildProgram } from '../../src/cli/program.js'

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')

/** commander's own `help` command is not pitwall's to document. */
const isOwn = (c: Command): boolean => c.name() !== 'help'

/** Names of `cmd`: its name and aliases (`ls`, `list`). */
const namesOf = (c: Command): string[] => [c.name(), ...c.aliases()]

/** The flags `cmd` accepts (`--select`, `-s`, `--no-serve`), `--help`/`-h` included. */
function flagsOf(cmd: Command): Set<string> {
  const flags = new Set(['--help', '-h'])
  for (const o of cmd.options) {
    if (o.long !== undefined) flags.add(o.long)
    if (o.short !== undefined) flags.add(o.short)
    // commander registers `--no-serve` as the negation of `serve`; both spellings are valid.
    if (o.negate && o.long !== undefined) flags.add(o.long)
  }
  return flags
}

/** Code in the README: each fenced block's lines and each inline code span. */
function codeSnippets(markdown: string): string[] {
  const snippets: string[] = []
  const prose = markdown.replace(/```[^\n]*\n([\s\S]*?)```/g, (_, body: string) => {
    // A line ending in `\` continues on the next one, as in a shell.
    snippets.push(...body.replace(/\\\n/g, ' ').split('\n'))
    return ''
  })
  for (const m of prose.matchAll(/`([^`\n]+)`/g)) snippets.push(m[1]!)
  return snippets
}

/** Shell words of `text`: quotes kept as one word, cut at the first `|`, `&`, `;`, `>`, `#`. */
function words(text: string): string[] {
  const out: string[] = []
  const re = /'[^']*'|"[^"]*"|[^\s]+/g
  for (const m of text.matchAll(re)) {
    const w = m[0]
    if (/^(\||\|\||&&?|;|>>?|#|\\\|)$/.test(w) || w.startsWith('#')) break
    out.push(w)
  }
  return out
}

/** A `pitwall …` command line found in the README. */
interface Invocation {
  readonly text: string
  /** The words after `pitwall` (global options included). */
  readonly argv: string[]
}

/** Every `pitwall <…>` (also `npx pitwall`) in the README's code. */
function invocations(markdown: string): Invocation[] {
  const found: Invocation[] = []
  for (const snippet of codeSnippets(markdown)) {
    const w = words(snippet)
    for (let i = 0; i < w.length; i++) {
      if (w[i] !== 'pitwall') continue
      // A synopsis in the reference writes alternatives as `a` / `b` in one cell: stop at the next.
      const rest = w.slice(i + 1)
      const end = rest.findIndex((x) => x === '/' || x === 'pitwall')
      const argv = end === -1 ? rest : rest.slice(0, end)
      // Output such as `pitwall serve: http://…` and placeholders such as `pitwall <command>`.
      if (/:$|^</.test(argv.find((x) => !x.startsWith('-')) ?? '')) continue
      found.push({ text: snippet, argv })
    }
  }
  return found
}

/** Global options that take a value. */
function globalValueOptions(program: Command): Set<string> {
  return new Set(
    program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long ?? '']),
  )
}

/** A README word as a flag: `[--year` → `--year`, `--format=json` → `--format`; else undefined. */
function flagOf(word: string): string | undefined {
  const m = /^[[(]*(--?[A-Za-z][\w-]*)/.exec(word)
  return m?.[1]
}

interface Resolved {
  readonly command: Command
  readonly path: string
  /** Words after the (sub)command. */
  readonly rest: string[]
}

/** Finds the command an invocation runs, or undefined (with `why`) when none does. */
function resolve(program: Command, argv: readonly string[]): Resolved | { why: string } {
  const valueOptions = globalValueOptions(program)
  let i = 0
  while (i < argv.length && argv[i]!.startsWith('-')) {
    const flag = argv[i]!
    if (!flagsOf(program).has(flag.split('=')[0]!) && flag !== '--version' && flag !== '-V')
      return { why: `unknown global option ${flag}` }
    i += valueOptions.has(flag) ? 2 : 1
  }
  const name = argv[i]
  if (name === undefined) return { command: program, path: '', rest: [] }
  if (!/^[a-z][a-z-]*$/.test(name)) return { why: `'${name}' is not a command name` }
  const command = program.commands.find((c) => isOwn(c) && namesOf(c).includes(name))
  if (command === undefined) return { why: `no command '${name}'` }
  const subs = command.commands.filter(isOwn)
  const next = argv[i + 1]
  if (subs.length > 0 && next !== undefined && /^[a-z][a-z-]*$/.test(next)) {
    const sub = subs.find((c) => namesOf(c).includes(next))
    // `runs` and `principals` run themselves too, so a following word may be an argument; the
    // README never gives those bare words, so a word after a group must be a subcommand.
    if (sub === undefined) return { why: `no command '${name} ${next}'` }
    return { command: sub, path: `${name} ${next}`, rest: argv.slice(i + 2) }
  }
  return { command, path: name, rest: argv.slice(i + 1) }
}

describe('README.md and the CLI', () => {
  const program = buildProgram(memoryIo(), () => {})
  const found = invocations(README)

  it('finds the README’s command lines', () => {
    expect(found.length).toBeGreaterThan(40)
  })

  it('shows every command and subcommand the CLI registers', () => {
    const shown = new Set<string>()
    for (const inv of found) {
      const r = resolve(program, inv.argv)
      if ('command' in r) shown.add(r.path)
    }
    const registered = program.commands
      .filter(isOwn)
      .flatMap((c) => [c.name(), ...c.commands.filter(isOwn).map((s) => `${c.name()} ${s.name()}`)])
    expect(registered.length).toBeGreaterThan(40)
    // A group (`table`, `docs`) is shown by its subcommands.
    const missing = registered.filter(
      (name) => !shown.has(name) && ![...shown].some((s) => s.startsWith(`${name} `)),
    )
    expect(missing, 'commands the README never shows as `pitwall <command>`').toEqual([])
  })

  it('names only commands that exist, with options they accept', () => {
    const problems: string[] = []
    for (const inv of found) {
      const r = resolve(program, inv.argv)
      if (!('command' in r)) {
        problems.push(`${r.why}: ${inv.text}`)
        continue
      }
      const accepted = new Set([...flagsOf(r.command), ...flagsOf(program)])
      for (const word of r.rest) {
        const flag = flagOf(word)
        if (flag !== undefined && !accepted.has(flag))
          problems.push(`pitwall ${r.path} has no option ${flag}: ${inv.text}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('catches a command or option that does not exist', () => {
    const bad = invocations(
      '```sh\nnpx pitwall biuld\nnpx pitwall table scna t\nnpx pitwall build --selekt x\n```\n',
    )
    const verdicts = bad.map((inv) => {
      const r = resolve(program, inv.argv)
      if (!('command' in r)) return r.why
      const accepted = new Set([...flagsOf(r.command), ...flagsOf(program)])
      return r.rest.map(flagOf).find((f) => f !== undefined && !accepted.has(f))
    })
    expect(verdicts).toEqual(["no command 'biuld'", "no command 'table scna'", '--selekt'])
  })
})
