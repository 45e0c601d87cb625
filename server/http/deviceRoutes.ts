import { Router } from 'express';
import { z } from 'zod';
import { DomainError, invalid, notFound } from '../../shared/errors.ts';
import { toIso } from '../../shared/time.ts';
import type { Tokens } from '../auth.ts';
import type { Device } from '../devices.ts';
import type { Hub } from '../hub.ts';
import { clientAddress } from '../limits.ts';
import type { Trust } from '../trust.ts';
import { requireStaff } from './auth.ts';
import { parse } from './errors.ts';
import { pathId } from './schemas.ts';

const createBody = z.object({
  kind: z.enum(['kiosk', 'pad']),
  name: z.string().trim().max(60).default(''),
  windowId: z.string().min(1).max(32).optional(),
});
const pairBody = z.object({ pairingCode: z.string().regex(/^\d{6}$/, 'expected 6 digits') });

const storageFailed = () => new DomainError('unavailable', 'STORAGE_FAILED', '系统暂时无法保存记录，请稍后再试', 'The hub cannot save records right now; try again shortly');
const badCode = new DomainError('forbidden', 'BAD_PAIRING_CODE', '配对码错误、已使用或已过期', 'Wrong, used or expired pairing code');
const tooMany = new DomainError('throttled', 'TOO_MANY_ATTEMPTS', '配对码错误次数过多，请 15 分钟后再试', 'Too many wrong pairing codes; try again in 15 min');

/** Throttle id shared by every pairing attempt: the code itself is what is guessed. */
const PAIRING = 'pairing';

/**
 * Paired devices: a manager creates a kiosk or a window's pad and gets a one-time code; the page
 * opened with `?pair=<code>` trades it for a token it keeps. Wrong codes are throttled per
 * address like PINs.
 */
export function deviceRoutes(hub: Hub, tokens: Tokens, trust: Trust): Router {
  const r = Router();
  const managers = requireStaff(tokens, hub.clock, 'manager');
  const view = (d: Device) => ({
    id: d.id, kind: d.kind, name: d.name, windowId: d.windowId,
    createdAt: toIso(d.createdAt, hub.tz), createdBy: d.createdBy,
    pairedAt: d.pairedAt === null ? null : toIso(d.pairedAt, hub.tz),
    revokedAt: d.revokedAt === null ? null : toIso(d.revokedAt, hub.tz),
    status: d.revokedAt !== null ? 'revoked' : d.tokenHash ? 'paired' : (d.codeExpiresAt ?? 0) > hub.clock.now() ? 'awaiting-pairing' : 'code-expired',
  });

  r.post('/api/devices/pair', async (req, res) => {
    const now = hub.clock.now();
    const address = clientAddress(req);
    if (trust.pairThrottle.lockedFor(address, PAIRING, now) > 0) throw tooMany;
    const { pairingCode } = parse(pairBody, req.body);
    if (!trust.pairThrottle.begin(address, PAIRING, now)) throw tooMany;
    let paired;
    try {
      paired = await trust.devices.pair(pairingCode, now).catch(() => {
        throw storageFailed();
      });
    } finally {
      trust.pairThrottle.done(address, PAIRING);
    }
    if (!paired) {
      trust.pairThrottle.fail(address, PAIRING, now);
      throw badCode;
    }
    res.json({ deviceId: paired.device.id, deviceToken: paired.token, kind: paired.device.kind, name: paired.device.name, windowId: paired.device.windowId });
  });

  // A device asks who it is: the pad learns its window, a kiosk that its token still works.
  r.get('/api/devices/me', (req, res) => {
    const h = req.headers.authorization;
    const d = typeof h === 'string' && h.startsWith('Bearer ') ? trust.devices.authenticate(h.slice(7).trim()) : null;
    if (!d) throw new DomainError('unauthorized', 'DEVICE_NOT_PAIRED', '本设备未配对或已被停用', 'This device is not paired or was revoked');
    res.json({ id: d.id, kind: d.kind, name: d.name, windowId: d.windowId });
  });

  r.post('/api/devices', managers, async (req, res) => {
    const body = parse(createBody, req.body);
    if (body.kind === 'pad' && !body.windowId) throw invalid('BAD_REQUEST', '评价器需要指定窗口（windowId）', 'A pad needs a windowId');
    if (body.windowId && !hub.config.windows.some((w) => w.id === body.windowId)) {
      throw notFound('UNKNOWN_WINDOW', `没有窗口 ${body.windowId}`, `No window ${body.windowId}`);
    }
    const windowId = body.kind === 'pad' ? body.windowId! : null;
    const name = body.name || (body.kind === 'pad' ? `${windowId} 评价器` : '取号机');
    const created = await trust.devices.create({ kind: body.kind, name, windowId, createdBy: req.staff!.staffId }, hub.clock.now()).catch(() => {
      throw storageFailed();
    });
    res.status(201).json({ id: created.device.id, pairingCode: created.pairingCode, expiresAt: toIso(created.device.codeExpiresAt!, hub.tz) });
  });

  r.get('/api/devices', managers, (_req, res) => {
    res.json(trust.devices.list().map(view));
  });

  // A new code for a known device (a replaced tablet): the old token stops.
  r.post('/api/devices/:id/pairing-code', managers, async (req, res) => {
    const id = parse(pathId, req.params.id);
    const code = await trust.devices.renewCode(id, hub.clock.now()).catch(() => {
      throw storageFailed();
    });
    if (!code) throw notFound('UNKNOWN_DEVICE', '没有这个设备或已停用', 'No such device, or it was revoked');
    res.status(201).json({ id, pairingCode: code });
  });

  r.delete('/api/devices/:id', managers, async (req, res) => {
    const id = parse(pathId, req.params.id);
    const d = await trust.devices.revoke(id, hub.clock.now()).catch(() => {
      throw storageFailed();
    });
    if (!d) throw notFound('UNKNOWN_DEVICE', '没有这个设备', 'No such device');
    res.json(view(d));
  });

  return r;
}
