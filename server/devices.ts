import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurable } from './durableFile.ts';

/**
 * Paired devices (kiosks and evaluation pads). A manager creates a device and gets a one-time
 * 6-digit pairing code; the device trades the code for a long random token. Only hashes of codes
 * and tokens are kept, in `devices.json` (fsynced before any answer that depends on it), so a
 * copy of the data dir does not hand out working tokens.
 */
export type DeviceKind = 'kiosk' | 'pad';

export interface Device {
  id: string;
  kind: DeviceKind;
  name: string;
  /** The window whose services a pad rates; null for a kiosk. */
  windowId: string | null;
  createdAt: number;
  createdBy: string;
  pairedAt: number | null;
  revokedAt: number | null;
  /** sha256 of the pairing code while it is unused. */
  codeHash: string | null;
  codeExpiresAt: number | null;
  /** sha256 of the device token once paired. */
  tokenHash: string | null;
}

/** How long a pairing code stays valid. */
export const PAIRING_CODE_MS = 15 * 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export class DeviceStore {
  private devices: Device[];
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly path: string, devices: Device[]) {
    this.devices = devices;
  }

  static open(dataDir: string): DeviceStore {
    const path = join(dataDir, 'devices.json');
    let devices: Device[] = [];
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as { devices?: Device[] };
      devices = Array.isArray(parsed.devices) ? parsed.devices : [];
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`devices.json is unreadable: ${(e as Error).message}`);
    }
    return new DeviceStore(path, devices);
  }

  list(): readonly Device[] {
    return this.devices;
  }

  get(id: string): Device | undefined {
    return this.devices.find((d) => d.id === id);
  }

  /** A new device with a fresh pairing code (returned once, in clear). */
  async create(input: { kind: DeviceKind; name: string; windowId: string | null; createdBy: string }, now: number): Promise<{ device: Device; pairingCode: string }> {
    const pairingCode = this.freshCode(now);
    const device: Device = {
      id: `D${randomBytes(4).toString('hex')}`, kind: input.kind, name: input.name, windowId: input.windowId,
      createdAt: now, createdBy: input.createdBy, pairedAt: null, revokedAt: null,
      codeHash: sha256(pairingCode), codeExpiresAt: now + PAIRING_CODE_MS, tokenHash: null,
    };
    this.devices.push(device);
    await this.save();
    return { device, pairingCode };
  }

  /** A new code for an existing device (re-pairing a replaced tablet); its old token stops. */
  async renewCode(id: string, now: number): Promise<string | null> {
    const d = this.get(id);
    if (!d || d.revokedAt !== null) return null;
    const code = this.freshCode(now);
    d.codeHash = sha256(code);
    d.codeExpiresAt = now + PAIRING_CODE_MS;
    d.tokenHash = null;
    d.pairedAt = null;
    await this.save();
    return code;
  }

  /** Trades a valid unused code for a token, or null (unknown, used, expired or revoked). */
  async pair(code: string, now: number): Promise<{ device: Device; token: string } | null> {
    const h = sha256(code);
    const d = this.devices.find((x) => x.codeHash !== null && x.revokedAt === null && sameHash(x.codeHash, h));
    if (!d || (d.codeExpiresAt ?? 0) <= now) return null;
    const token = `${d.id}.${randomBytes(32).toString('base64url')}`;
    d.codeHash = null;
    d.codeExpiresAt = null;
    d.tokenHash = sha256(token);
    d.pairedAt = now;
    await this.save();
    return { device: d, token };
  }

  /** Revokes a device: its token stops working at once (the check reads memory, not the file). */
  async revoke(id: string, now: number): Promise<Device | null> {
    const d = this.get(id);
    if (!d) return null;
    if (d.revokedAt === null) {
      d.revokedAt = now;
      d.tokenHash = null;
      d.codeHash = null;
      await this.save();
    }
    return d;
  }

  /** The paired, unrevoked device a token belongs to, or null. */
  authenticate(token: unknown): Device | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const id = token.split('.')[0] ?? '';
    const d = this.get(id);
    if (!d || d.revokedAt !== null || d.tokenHash === null) return null;
    return sameHash(d.tokenHash, sha256(token)) ? d : null;
  }

  private freshCode(now: number): string {
    for (;;) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const h = sha256(code);
      // Two live codes must never collide, or one pairing would take the other's device.
      const clash = this.devices.some((d) => d.codeHash === h && (d.codeExpiresAt ?? 0) > now);
      if (!clash) return code;
    }
  }

  private save(): Promise<void> {
    const text = JSON.stringify({ devices: this.devices }, null, 2);
    const run = () => writeFileDurable(this.path, text);
    const p = this.writing.then(run, run);
    this.writing = p.catch(() => {});
    return p;
  }
}
