// @ts-check
/**
 * ESLint flat config. Besides the TypeScript rules of STYLE.md §14 it enforces the layer rules of
 * DESIGN.md §2: which folder may import which (`import-x/no-restricted-paths` zones) and that a
 * folder is only entered through its `index.ts`.
 */
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import importX from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

/** Every layer folder under src/ and the layers it may import (besides itself). */
const LAYERS = {
  core: [],
  openf1: ['core'],
  lake: ['core'],
  engine: ['core'],
  catalog: ['core', 'lake', 'engine'],
  load: ['core', 'lake', 'engine'],
  transform: ['core', 'lake', 'engine'],
  pipeline: ['core', 'openf1', 'lake', 'engine', 'catalog', 'load', 'transform'],
  serve: ['core', 'catalog', 'engine', 'lake'],
  cli: ['core', 'openf1', 'lake', 'engine', 'catalog', 'load', 'transform', 'pipeline', 'serve'],
}

/** @type {Array<Record<string, unknown>>} */
const zones = []
for (const [layer, allowed] of Object.entries(LAYERS)) {
  for (const other of Object.keys(LAYERS)) {
    if (other === layer) continue
    const target = `./src/${layer}`
    if (layer === 'engine' && other === 'lake') {
      // engine/duckdb reads Delta snapshots; the rest of engine may not touch lake.
      zones.push({
        target: ['./src/engine/*.ts', './src/engine/!(duckdb)/**'],
        from: './src/lake',
        message: 'DESIGN.md §2: only engine/duckdb may import lake.',
      })
      zones.push({
        target: './src/engine/duckdb',
        from: './src/lake',
        except: ['./index.ts'],
        message: 'DESIGN.md §2: import lake through src/lake/index.ts, never deep.',
      })
      continue
    }
    if (allowed.includes(other)) {
      zones.push({
        target,
        from: `./src/${other}`,
        except: ['./index.ts'],
        message: `DESIGN.md §2: import ${other} through src/${other}/index.ts, never deep.`,
      })
    } else {
      zones.push({
        target,
        from: `./src/${other}`,
        message: `DESIGN.md §2: ${layer} may import only ${allowed.join(', ') || 'nothing of ours'}, not ${other}.`,
      })
    }
  }
}
zones.push({
  target: './web',
  from: './src',
  except: ['./serve/api-types.ts'],
  message: 'DESIGN.md §2: web imports nothing from src/ but the API types.',
})
zones.push({
  target: './src',
  from: ['./test', './bench', './web'],
  message: 'Production code never imports tests, benchmarks or the dashboard.',
})

const NODE_BUILTINS = {
  patterns: [
    {
      group: [
        'node:*',
        'fs',
        'fs/*',
        'path',
        'os',
        'http',
        'https',
        'net',
        'child_process',
        'crypto',
        'stream',
        'url',
        'zlib',
      ],
      message:
        'STYLE.md §2: this layer is pure. Move code that needs Node built-ins to an outer layer.',
    },
  ],
}

const ADAPTER_MESSAGE =
  'STYLE.md §16: concrete adapters are built only in src/cli (the composition root). Take an ObjectStoreFactory (lake) or an Engine in your options and let the CLI pass it.'

/** Constructions of concrete object stores and engines. */
const CONCRETE_ADAPTERS = [
  ...['LocalObjectStore', 'MemoryObjectStore', 'DuckDbEngine'].map((name) => ({
    selector: `NewExpression[callee.name='${name}']`,
    message: `new ${name}(…): ${ADAPTER_MESSAGE}`,
  })),
  {
    selector: "CallExpression[callee.name='objectStoreFor']",
    message: `objectStoreFor(…): ${ADAPTER_MESSAGE}`,
  },
  {
    selector:
      "CallExpression[callee.type='MemberExpression'][callee.object.name='DuckDbEngine'][callee.property.name='create']",
    message: `DuckDbEngine.create(…): ${ADAPTER_MESSAGE}`,
  },
]

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'lakehouse/**',
      'coverage/**',
      'web/dist/**',
      '.tmp/**',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/only-throw-error': 'off',
      'no-throw-literal': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'import-x/no-restricted-paths': ['error', { zones }],
    },
  },
  {
    // Import circles (issue 10): a value import chain that comes back to the file it started in.
    // The ExportMap that import-x walks must parse TypeScript, hence the parser setting. A lazy
    // `import()` (a command spec loading its action, which may read the spec's constants) runs
    // after both modules are initialised, so dynamic imports do not count.
    files: ['src/**/*.ts'],
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: { 'import-x/no-cycle': ['error', { allowUnsafeDynamicCyclicDependency: true }] },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', NODE_BUILTINS] },
  },
  {
    files: ['src/transform/{project,template,graph,compile}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', NODE_BUILTINS] },
  },
  {
    // STYLE.md §1, §16: concrete adapters are built in the composition root (src/cli) and passed
    // down. Only the CLI, the object-store factory itself and the engine's own factory may build
    // them; tests and benchmarks are free to.
    files: ['src/**/*.ts'],
    ignores: [
      'src/cli/**',
      'src/lake/store/**',
      'src/engine/duckdb/duckdb-engine.ts',
      '**/*.test.ts',
    ],
    rules: { 'no-restricted-syntax': ['error', ...CONCRETE_ADAPTERS] },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
)
