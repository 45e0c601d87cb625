import type { RunningHub } from './app.ts';

/**
 * The demo hall must work for a newcomer right after `npm start`: its kiosk and the pad of every
 * window get pairing codes, printed as links to open. On later starts, while none of them has
 * been paired yet, the same devices get fresh codes (a code lives 15 minutes). A real hall's
 * devices are paired by a manager (POST /api/devices, or /manager), never by the console.
 */
export async function demoPairingLinks(running: Pick<RunningHub, 'hub' | 'trust' | 'createdDemo'>, baseUrl: string): Promise<string[]> {
  const { hub, trust } = running;
  const devices = trust.devices.list();
  // Demo devices exist only in a data dir that started as the demo hall.
  const isDemo = running.createdDemo || devices.some((d) => d.createdBy === 'demo');
  if (!isDemo || devices.some((d) => d.createdBy === 'demo' && d.pairedAt !== null)) return [];
  const now = hub.clock.now();
  const lines: string[] = [];
  const want: { kind: 'kiosk' | 'pad'; windowId: string | null; name: string; path: (code: string) => string }[] = [
    { kind: 'kiosk', windowId: null, name: '大厅取号机', path: (c) => `/kiosk?kiosk=K1&pair=${c}` },
    ...hub.config.windows.map((w) => ({ kind: 'pad' as const, windowId: w.id, name: `${w.number}号窗口评价器`, path: (c: string) => `/rate/${w.number}?pair=${c}` })),
  ];
  for (const w of want) {
    const existing = devices.find((d) => d.createdBy === 'demo' && d.kind === w.kind && d.windowId === w.windowId && d.revokedAt === null);
    const code = existing
      ? await trust.devices.renewCode(existing.id, now)
      : (await trust.devices.create({ kind: w.kind, name: w.name, windowId: w.windowId, createdBy: 'demo' }, now)).pairingCode;
    if (code) lines.push(`  ${w.name.padEnd(8, '　')} ${baseUrl}${w.path(code)}`);
  }
  return lines;
}
