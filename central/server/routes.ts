import express, { Router, type Request, type Response } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { isDate } from '../../shared/time.ts';
import { verifyPin } from '../../server/auth.ts';
import { bearer } from '../../server/http/auth.ts';
import { parse, wantsEnglish } from '../../server/http/errors.ts';
import { daysBetween, MAX_RANGE_DAYS } from '../../server/reports/waitsQuery.ts';
import { CentralTokens, forbiddenHall, HallKeys, maySee, PinThrottle, requireViewer, TOKEN_HOURS, type Viewer } from './auth.ts';
import { hallRows, type HallRow } from './halls.ts';
import { batchSchema, FoldCache, ingest, SeqGap } from './ingest.ts';
import { metaHash, metaSchema, storeMeta } from './meta.ts';
import { rankings } from './rankings.ts';
import { scoresOf, storeDayScore } from './scores.ts';
import { waitsCsv } from './waits.ts';
import { WaitsCache } from './waitsCache.ts';
import { withWaitingNow } from './waitingNow.ts';

export interface RouteDeps {
  pool: pg.Pool;
  tokens: CentralTokens;
  cache: FoldCache;
  push: (row: HallRow) => void;
  log: (m: string) => void;
}

const date = z.string().refine(isDate, 'expected YYYY-MM-DD');
const hallIdParam = z.string().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/);
const period = z.object({ from: date, to: date, hallId: hallIdParam.optional(), format: z.enum(['json', 'csv']).default('json') });

/** The hall whose key the request carries must be the hall of the path. */
async function hallAuth(keys: HallKeys, req: Request): Promise<string> {
  const hallId = parse(hallIdParam, req.params.hallId);
  const verdict = await keys.check(hallId, bearer(req));
  if (verdict === 'unknown-key') throw new DomainError('unauthorized', 'BAD_HALL_KEY', '网点密钥错误', 'Wrong hall key');
  if (verdict === 'other-hall') throw new DomainError('forbidden', 'OTHER_HALL_KEY', '该密钥属于另一个网点', 'This key belongs to another hall');
  return hallId;
}

function checkPeriod(from: string, to: string) {
  if (from > to) throw new DomainError('invalid', 'BAD_PERIOD', `开始日期 ${from} 晚于结束日期 ${to}`, `from ${from} is after to ${to}`);
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) throw new DomainError('invalid', 'RANGE_TOO_LONG', `一次最多查询 ${MAX_RANGE_DAYS} 天`, `A report covers at most ${MAX_RANGE_DAYS} days`);
}

/** The halls a request reads: one it names (if it may see it) or all it may see. */
async function hallsFor(pool: pg.Pool, v: Viewer, hallId?: string): Promise<string[]> {
  if (hallId) {
    if (!maySee(v, hallId)) throw forbiddenHall(hallId);
    const r = await pool.query('select 1 from halls where hall_id = $1', [hallId]);
    if (!r.rowCount) throw new DomainError('not-found', 'UNKNOWN_HALL', `没有网点 ${hallId}`, `No hall ${hallId}`);
    return [hallId];
  }
  const r = await pool.query<{ hall_id: string }>('select hall_id from halls where ($1::text[] is null or hall_id = any($1)) order by hall_id', [v.halls]);
  return r.rows.map((x) => x.hall_id);
}

export function centralRoutes(d: RouteDeps): Router {
  const r = Router();
  const keys = new HallKeys(d.pool);
  const throttle = new PinThrottle();
  const reports = new WaitsCache(d.pool);

  // ---- Ingest (hubs)
  r.post('/api/central/halls/:hallId/events', express.json({ limit: '8mb' }), async (req: Request, res: Response) => {
    const hallId = await hallAuth(keys, req);
    const batch = parse(batchSchema, req.body);
    try {
      const out = await ingest(d.pool, d.cache, hallId, batch);
      res.json({ ackedSeq: out.ackedSeq, stored: out.stored, metaHash: out.metaHash });
      const [row] = await hallRows(d.pool, null, [hallId]);
      if (row) d.push(row);
      for (const day of out.closedDays) {
        storeDayScore(d.pool, d.cache, hallId, day).catch((e: Error) => d.log(`scoring ${hallId} ${day} failed: ${e.message}`));
      }
    } catch (e) {
      if (e instanceof SeqGap) {
        res.status(409).json({ error: { code: e.code, message: wantsEnglish(req) ? e.en : e.zh }, ackedSeq: e.ackedSeq });
        return;
      }
      throw e;
    }
  });

  r.put('/api/central/halls/:hallId/meta', express.json({ limit: '16mb' }), async (req: Request, res: Response) => {
    const hallId = await hallAuth(keys, req);
    const body = parse(metaSchema, req.body);
    const hash = metaHash(req.body);
    await storeMeta(d.pool, hallId, body, hash);
    d.cache.forgetMeta(hallId);
    res.json({ metaHash: hash });
  });

  // ---- Users
  r.post('/api/central/auth/login', express.json({ limit: '32kb' }), async (req: Request, res: Response) => {
    const body = parse(z.object({ userId: z.string().min(1).max(32), pin: z.string().min(1).max(32) }), req.body);
    const key = `${req.ip}|${body.userId}`;
    const now = Date.now();
    if (!throttle.begin(key, now)) {
      throw new DomainError('throttled', 'TOO_MANY_ATTEMPTS', '密码错误次数过多，请 15 分钟后再试', 'Too many wrong PINs; try again in 15 minutes');
    }
    try {
      const u = (await d.pool.query<{ user_id: string; name: string; role: 'admin' | 'viewer'; pin_hash: string; halls: string[] }>(
        'select user_id, name, role, pin_hash, halls from users where user_id = $1', [body.userId])).rows[0];
      // An unknown user costs the same scrypt as a wrong PIN, so the answer does not tell them apart by time.
      const ok = await verifyPin(body.pin, u?.pin_hash ?? 'scrypt$00$00');
      if (!u || !ok) {
        throttle.fail(key, Date.now());
        throw new DomainError('unauthorized', 'BAD_LOGIN', '账号或密码错误', 'Wrong user or PIN');
      }
      throttle.succeed(key);
      const exp = Date.now() + TOKEN_HOURS * 3_600_000;
      res.json({
        token: d.tokens.issue({ userId: u.user_id, role: u.role, exp }),
        user: { id: u.user_id, name: u.name, role: u.role, halls: u.role === 'admin' ? null : u.halls },
        expiresAt: new Date(exp).toISOString(),
      });
    } finally {
      throttle.done(key);
    }
  });

  const viewers = requireViewer(d.pool, d.tokens);
  r.use(['/api/central/halls', '/api/central/reports', '/api/central/me'], (req, res, next) => {
    // Ingest routes carry a hall key, not a user token.
    if (/^\/api\/central\/halls\/[^/]+\/(events|meta)$/.test(req.originalUrl.split('?')[0]!)) return next();
    viewers(req, res, next);
  });

  r.get('/api/central/me', (req, res) => res.json(req.viewer));

  r.get('/api/central/halls', async (req, res) => {
    res.json(await hallRows(d.pool, req.viewer!));
  });

  r.get('/api/central/halls/:hallId', async (req, res) => {
    const hallId = parse(hallIdParam, req.params.hallId);
    if (!maySee(req.viewer!, hallId)) throw forbiddenHall(hallId);
    const [row] = await hallRows(d.pool, null, [hallId]);
    if (!row) throw new DomainError('not-found', 'UNKNOWN_HALL', `没有网点 ${hallId}`, `No hall ${hallId}`);
    const meta = await d.cache.meta(d.pool, hallId);
    res.json({ ...row, services: meta?.config.services ?? [], windows: meta?.config.windows ?? [], hours: meta?.config.hall.hours ?? [] });
  });

  r.get('/api/central/reports/waits', async (req, res) => {
    const q = parse(period, req.query);
    checkPeriod(q.from, q.to);
    const halls = await hallsFor(d.pool, req.viewer!, q.hallId);
    const out = await reports.waits(halls, q.from, q.to);
    if (q.format === 'csv') {
      const names = new Map((await hallRows(d.pool, req.viewer!)).map((h) => [h.hallId, h.name]));
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="central-waits-${q.from}_${q.to}.csv"`);
      res.send(waitsCsv(out.halls.map((h) => ({ ...h, name: names.get(h.hallId) })), out.total));
      return;
    }
    // The live queue as the hub adds it to its JSON report (not its CSV): from each hall's last word.
    const live = withWaitingNow(out, await hallRows(d.pool, null, halls), q.from, q.to);
    res.json({ from: q.from, to: q.to, halls: live.halls, total: live.total });
  });

  r.get('/api/central/reports/scores', async (req, res) => {
    const q = parse(z.object({ date, hallId: hallIdParam.optional() }), req.query);
    const halls = await hallsFor(d.pool, req.viewer!, q.hallId);
    res.json(await scoresOf(d.pool, d.cache, halls, q.date));
  });

  r.get('/api/central/reports/rankings', async (req, res) => {
    const q = parse(period, req.query);
    checkPeriod(q.from, q.to);
    const halls = await hallsFor(d.pool, req.viewer!, q.hallId);
    res.json({ from: q.from, to: q.to, halls: await rankings(d.pool, halls, q.from, q.to, (h, f, t) => reports.waits(h, f, t)) });
  });

  r.use('/api', (_req, _res, next) => next(new DomainError('not-found', 'NOT_FOUND', '没有这个接口', 'No such endpoint')));
  return r;
}
