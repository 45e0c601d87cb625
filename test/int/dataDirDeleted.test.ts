import { existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/hub.ts';
import { spawnHub } from '../support/process.ts';
import { runHubToExit } from '../support/runToExit.ts';

const post = (url: string, body: unknown, lang = 'en') =>
  fetch(`${url}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

describe('the data dir deleted while the hub runs', () => {
  it('refuses every write with a clear STORAGE_FAILED, keeps answering reads, and a second hub cannot start on the same dir', async () => {
    const dataDir = tempDir();
    const hub = await spawnHub({ QUEUE_DATA_DIR: dataDir, QUEUE_CLOCK_START: '2026-11-23T09:00:00+08:00' }, 60_000);
    try {
      const first = await post(hub.url, { serviceId: 'A' });
      expect(first.status).toBe(201);

      rmSync(dataDir, { recursive: true, force: true });
      const refused = await post(hub.url, { serviceId: 'A' });
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('STORAGE_FAILED');
      expect(refused.body.error.message).toMatch(/data directory was deleted or replaced/);
      const zh = await post(hub.url, { serviceId: 'A' }, 'zh-CN');
      expect(zh.body.error.message).toMatch(/数据目录已被删除或替换/);
      // Still refused once the directory exists again: what was lost is not silently started over.
      await expect.poll(() => existsSync(dataDir), { timeout: 5000 }).toBe(true);
      expect((await post(hub.url, { serviceId: 'A' })).status).toBe(503);
      // Reads still answer, from memory.
      expect((await fetch(`${hub.url}/api/health`)).status).toBe(200);
      expect((await (await fetch(`${hub.url}/api/tickets/${first.body.id}`)).json()).number).toBe('A001');

      const second = await runHubToExit({ QUEUE_DATA_DIR: dataDir }, 60_000);
      expect(second.code).not.toBe(0);
      expect(second.out).toMatch(/in use by another hub/);
      expect(second.out).not.toMatch(/hall hub ready/);
    } finally {
      hub.child.kill('SIGTERM');
      await hub.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
