import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { describeIssues } from '../../shared/config.ts';
import { hashPin } from '../../server/auth.ts';

const id = z.string().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');

export const networkSchema = z
  .object({
    network: z.object({ name: z.string().min(1).max(80), timezone: z.string().min(1).max(64) }),
    halls: z.array(z.object({
      id, name: z.string().min(1).max(80), region: z.string().max(80).default(''),
      key: z.string().min(24, 'a hall key needs at least 24 characters').max(200),
    })).min(1).max(5000),
    users: z.array(z.object({
      id, name: z.string().min(1).max(80), pin: z.string().regex(/^\d{4,12}$/, '4 to 12 digits'),
      role: z.enum(['admin', 'viewer']), halls: z.array(id).max(5000).default([]),
    })).min(1).max(5000),
  })
  .superRefine((n, ctx) => {
    const halls = new Set<string>();
    for (const h of n.halls) {
      if (halls.has(h.id)) ctx.addIssue({ code: 'custom', message: `duplicate hall id "${h.id}"` });
      halls.add(h.id);
    }
    const users = new Set<string>();
    for (const u of n.users) {
      if (users.has(u.id)) ctx.addIssue({ code: 'custom', message: `duplicate user id "${u.id}"` });
      users.add(u.id);
      for (const h of u.halls) if (!halls.has(h)) ctx.addIssue({ code: 'custom', message: `user ${u.id} refers to missing hall "${h}"` });
    }
  });
export type NetworkFile = z.output<typeof networkSchema>;

/**
 * The demo network: three township halls and two users. Its keys are fixed so that a demo's hubs
 * can be started with them; a real network comes from CENTRAL_CONFIG with keys of its own.
 */
export const demoNetwork: z.input<typeof networkSchema> = {
  network: { name: '示例县政务服务网', timezone: 'Asia/Shanghai' },
  halls: [
    { id: 'H01', name: '城关镇便民服务中心', region: '城关镇', key: 'demo-hall-key-H01-chengguan-0001' },
    { id: 'H02', name: '河西乡便民服务中心', region: '河西乡', key: 'demo-hall-key-H02-hexi-0002' },
    { id: 'H03', name: '东山镇便民服务中心', region: '东山镇', key: 'demo-hall-key-H03-dongshan-0003' },
  ],
  users: [
    { id: 'C01', name: '县政务服务中心', pin: '730521', role: 'admin' },
    { id: 'C02', name: '城关镇', pin: '482913', role: 'viewer', halls: ['H01'] },
  ],
};

export class NetworkConfigError extends Error {}

export function parseNetwork(raw: unknown): NetworkFile {
  const r = networkSchema.safeParse(raw);
  if (!r.success) throw new NetworkConfigError(`network file rejected: ${describeIssues(r.error)}`);
  return r.data;
}

/** Hashes two at a time: each scrypt runs on libuv's thread pool, off the event loop, and takes 16 MB. */
async function hashAll(secrets: string[]): Promise<string[]> {
  const out: string[] = new Array(secrets.length);
  let next = 0;
  const worker = async () => {
    while (next < secrets.length) {
      const i = next++;
      out[i] = await hashPin(secrets[i]!);
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}

/**
 * Imports the network when the centre holds none yet. Returns false when one was there already
 * (another centre process may have imported it first: the network row's key decides).
 */
export async function importNetwork(pool: pg.Pool, net: NetworkFile): Promise<boolean> {
  const have = await pool.query('select 1 from network');
  if (have.rowCount) return false;
  const keyHashes = await hashAll(net.halls.map((h) => h.key));
  const pinHashes = await hashAll(net.users.map((u) => u.pin));
  const c = await pool.connect();
  try {
    await c.query('begin');
    const first = await c.query('insert into network (id, name, timezone) values (1, $1, $2) on conflict do nothing', [net.network.name, net.network.timezone]);
    if (!first.rowCount) {
      await c.query('rollback');
      return false;
    }
    await c.query(
      'insert into halls (hall_id, name, region, key_hash) select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])',
      [net.halls.map((h) => h.id), net.halls.map((h) => h.name), net.halls.map((h) => h.region), keyHashes],
    );
    for (const [i, u] of net.users.entries()) {
      await c.query('insert into users (user_id, name, role, pin_hash, halls) values ($1, $2, $3, $4, $5)', [u.id, u.name, u.role, pinHashes[i], u.halls]);
    }
    await c.query('insert into hall_status (hall_id) select hall_id from halls on conflict do nothing');
    await c.query("insert into central_settings (key, value) values ('token_key', $1) on conflict do nothing", [randomBytes(32).toString('hex')]);
    await c.query('commit');
    return true;
  } catch (e) {
    await c.query('rollback').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}
