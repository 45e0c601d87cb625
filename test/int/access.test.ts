import type { Express } from 'express';
import type { HallEvent } from '../../shared/events.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../support/hub.ts';

interface Route {
  method: string;
  path: string;
}

/** Every route the hub serves, read from Express's own router, so a new endpoint cannot be forgotten here. */
function routesOf(app: Express): Route[] {
  const out: Route[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) for (const m of Object.keys(layer.route.methods)) out.push({ method: m.toUpperCase(), path: p });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as any).router.stack);
  return out;
}

const sample = (path: string) =>
  path.replace(':windowId', 'W1').replace(':action', 'call-next').replace(':kioskId', 'K1').replace(/:[A-Za-z]+/g, 'X1');

describe('access control', () => {
  let h: TestHub;
  let staff: string;
  let manager: string;
  let expired: string;
  let managerExpired: string;
  let routes: Route[];
  beforeAll(async () => {
    h = await startHub();
    expired = await h.login('S02');
    managerExpired = await h.login('M01');
    h.clock.advance(15 * 3_600_000);
    staff = await h.login('S01');
    manager = await h.login('M01');
    routes = routesOf(h.running.app);
  });
  afterAll(async () => {
    await h.close();
  });

  it('finds the manager and staff endpoints it is about to check', () => {
    const manage = routes.filter((r) => /^\/api\/(reports|admin|manager)\b/.test(r.path));
    expect(manage.length).toBeGreaterThanOrEqual(3);
    expect(routes.some((r) => r.path === '/api/windows/:windowId/:action')).toBe(true);
  });

  it('refuses every manager endpoint without a token, with an expired one and with a staff token', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => /^\/api\/(reports|admin|manager)\b/.test(x.path))) {
      const path = sample(r.path);
      const body = r.method === 'GET' ? undefined : {};
      for (const [who, token, want] of [['no token', undefined, 401], ['expired manager', managerExpired, 401], ['staff', staff, 403], ['forged', `${manager.split('.')[0]}.AAAA`, 401]] as const) {
        const res = await h.api(r.method, path, body, token);
        if (res.status !== want || !res.body?.error?.code) failures.push(`${r.method} ${path} as ${who}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses every staff endpoint without a token and with an expired one', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.path.startsWith('/api/windows/:') || x.path === '/api/auth/me')) {
      for (const token of [undefined, expired]) {
        const res = await h.api(r.method, sample(r.path), r.method === 'GET' ? undefined : {}, token);
        if (res.status !== 401) failures.push(`${r.method} ${r.path} (${token ? 'expired' : 'no token'}): ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets a staffer act only at the window they are signed in to', async () => {
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    const other = await h.login('S02');
    await h.api('POST', '/api/windows/W2/sign-in', { post: 'A' }, other);
    for (const action of ['call-next', 'recall', 'start', 'finish', 'no-show', 'pause', 'resume', 'sign-out']) {
      const r = await h.api('POST', `/api/windows/W2/${action}`, { reason: 'break', outcome: 'done' }, staff);
      expect([r.status, r.body.error.code], action).toEqual([409, 'NOT_SIGNED_IN']);
    }
    expect((await h.api('GET', '/api/windows')).body.find((w: { id: string }) => w.id === 'W2').staffId).toBe('S02');
  });

  it('never sends complaint details to a socket without a token', async () => {
    const anonymous = h.socket();
    const received: string[] = [];
    anonymous.onAny((name, msg) => received.push(`${name} ${JSON.stringify(msg)}`));
    await new Promise<void>((r) => anonymous.on('connect', () => r()));
    const c = await h.api('POST', '/api/admin/scoring/complaints', { date: '2026-11-23', staffId: 'S01', surname: '欧阳', phone: '13912345678', content: '态度生硬', channel: 'phone' }, manager);
    expect(c.status).toBe(201);
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    const sync = await anonymous.emitWithAck('hall:sync', { lastSeq: 0 });
    const everything = received.join('\n') + JSON.stringify(sync);
    expect(everything).not.toContain('13912345678');
    expect(everything).not.toContain('欧阳');
    expect(everything).not.toContain('态度生硬');
    expect((sync.events as HallEvent[]).length).toBeGreaterThan(0);
  });

  it('sends security headers with pages and API answers', async () => {
    const res = await fetch(`${h.url}/api/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
