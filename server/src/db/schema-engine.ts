/**
 * Prisma's own schema engine, compiled to WebAssembly (`@prisma/schema-engine-wasm`, pinned),
 * driven through a driver adapter. Prisma's native engine cannot be downloaded offline; this
 * one runs anywhere Node runs. Used to apply the committed migrations at start (recorded in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does), to create new migrations at
 * development time, and to prove there is no drift.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import pg, { type PoolConfig } from 'pg'

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', '..', 'prisma', 'migrations')
export const SCHEMA_PATH = path.resolve(__dirname, '..', '..', '..', 'prisma', 'schema.prisma')

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>
  createMigration(input: unknown): Promise<{ generatedMigrationName: string; migrationScript: string | null }>
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>
  devDiagnostic(input: unknown): Promise<{ action: { tag: string; reason?: string } }>
  diagnoseMigrationHistory(input: unknown): Promise<unknown>
  free(): void
}

/** the message of the last Rust panic inside the engine, for error reports */
export let lastPanic: string | null = null

let wasmModule: Promise<{ SchemaEngine: { new: (o: unknown, log: (s: string) => void, a: object) => Promise<Engine> } }> | null =
  null

type WasmApi = {
  instantiate(bytes: Buffer, imports: Record<string, unknown>): Promise<{ instance: { exports: Record<string, unknown> } }>
}

/** Loads the wasm-bindgen output by hand: Node cannot `import` a .wasm file as an ES module. */
function loadWasm() {
  wasmModule ??= (async () => {
    // the wasm build reports Rust panics through this global
    const g = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } }
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(m: string) {
        lastPanic = m
        process.stderr.write(`[schema-engine] panic: ${m}\n`)
      },
    }
    const pkgDir = path.dirname(createRequire(__filename).resolve('@prisma/schema-engine-wasm'))
    const bgUrl = `file://${path.join(pkgDir, 'schema_engine_bg.js')}`
    const bg = await (new Function('u', 'return import(u)') as (u: string) => Promise<Record<string, unknown>>)(bgUrl)
    const bytes = fs.readFileSync(path.join(pkgDir, 'schema_engine_bg.wasm'))
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly
    const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': bg })
    ;(bg.__wbg_set_wasm as (w: unknown) => void)(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
    return bg as never
  })()
  return wasmModule
}

export interface MigrationFolder {
  name: string
  sql: string
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFolder[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8') }))
}

export function migrationsList(migrations: MigrationFolder[], dir = MIGRATIONS_DIR) {
  const lockPath = path.join(dir, 'migration_lock.toml')
  return {
    baseDir: dir,
    lockfile: {
      path: 'migration_lock.toml',
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: migrations.map((m) => ({
      path: m.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: m.sql } },
    })),
  }
}

export const NO_FILTER = { externalTables: [], externalEnums: [] }

export interface EngineConnection {
  /** pg connection settings of the main database */
  main: PoolConfig
  /** settings of an empty database the engine may wipe (createMigration / diff from migrations) */
  shadow?: PoolConfig
}

/** Opens the engine on a database; `log` receives the engine's tracing lines. */
export async function openSchemaEngine(conn: EngineConnection, log: (line: string) => void = () => {}) {
  const { SchemaEngine } = await loadWasm()
  const factory = introspectableFactory(conn.main) as unknown as { connectToShadowDb?: () => Promise<unknown> }
  if (conn.shadow) {
    const shadowFactory = introspectableFactory(conn.shadow)
    factory.connectToShadowDb = () => shadowFactory.connect()
  }
  const datamodel = fs.readFileSync(SCHEMA_PATH, 'utf8')
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, datamodel]] },
    log,
    bindMigrationAwareSqlAdapterFactory(factory as never),
  )
  return { engine, datamodel }
}

/**
 * The engine's introspection reads catalog columns of PostgreSQL's internal `"char"` type
 * (OID 18), which adapter-pg refuses to map and the engine expects as `Character`. The pool
 * relabels them as text for adapter-pg and remembers their names; the adapter wrapper then
 * marks those columns `Character`. One connection, sequential queries: no interleaving.
 * Scripts (migrations) are sent whole rather than split on ';'.
 */
const CHARACTER = 6 // ColumnTypeEnum.Character

function introspectableFactory(config: PoolConfig) {
  let charColumns: string[] = []
  const pool = new pg.Pool({ ...config, max: 1 })
  const relabel = (result: unknown) => {
    const fields = (result as { fields?: Array<{ dataTypeID: number; name: string }> } | undefined)?.fields
    charColumns = []
    if (fields)
      for (const f of fields)
        if (f.dataTypeID === 18) {
          f.dataTypeID = 25
          charColumns.push(f.name)
        }
    return result
  }
  const wrapQuery = (target: { query: (...a: unknown[]) => unknown }) => {
    const original = target.query.bind(target)
    target.query = (...args: unknown[]) => {
      const out = original(...args)
      return out instanceof Promise ? out.then(relabel) : out
    }
  }
  wrapQuery(pool as never)
  pool.on('connect', (client) => wrapQuery(client as never))

  type ResultSet = { columnNames: string[]; columnTypes: number[] }
  type Queryable = {
    queryRaw: (q: unknown) => Promise<ResultSet>
    startTransaction?: (...a: unknown[]) => Promise<Queryable>
    executeScript?: (script: string) => Promise<void>
  }
  const wrapQueryable = <T extends Queryable>(q: T): T => {
    const queryRaw = q.queryRaw.bind(q)
    q.queryRaw = async (query: unknown) => {
      const rs = await queryRaw(query)
      for (const name of charColumns) {
        const i = rs.columnNames.indexOf(name)
        if (i >= 0) rs.columnTypes[i] = CHARACTER
      }
      return rs
    }
    if (q.executeScript) {
      // adapter-pg splits scripts on every ';' (breaking function bodies and string literals);
      // send the script whole, as one simple query, like Prisma's native engine: PostgreSQL
      // runs it as one implicit transaction
      q.executeScript = async (script: string) => {
        await pool.query(script)
      }
    }
    if (q.startTransaction) {
      const start = q.startTransaction.bind(q)
      q.startTransaction = async (...a: unknown[]) => wrapQueryable(await start(...a))
    }
    return q
  }
  const factory = new PrismaPg(pool, { disposeExternalPool: true })
  const connect = factory.connect.bind(factory)
  factory.connect = async () => wrapQueryable((await connect()) as unknown as Queryable) as never
  return factory
}
