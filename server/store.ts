import { randomBytes } from 'node:crypto';
import { Low } from 'lowdb';
import { join } from 'node:path';
import type { HallConfig, HallConfigFile } from '../shared/config.ts';
import { hashPin, verifyPin } from './auth.ts';
import { DurableJSONFile } from './durableFile.ts';

/** What lowdb holds: small things edited as a whole. The event stream lives in the journal. */
export interface HallDb {
  config: HallConfig | null;
  /** scrypt hashes by staff id. */
  pins: Record<string, string>;
  /** Key that signs staff tokens. */
  tokenKey: string;
}

export class ConfigStore {
  private constructor(private readonly db: Low<HallDb>) {}

  /** Note: lowdb's JSONFilePreset keeps data in memory under NODE_ENV=test; Low + JSONFile does not. */
  static async open(dataDir: string): Promise<ConfigStore> {
    const db = new Low<HallDb>(new DurableJSONFile(join(dataDir, 'hall.json')), { config: null, pins: {}, tokenKey: '' });
    await db.read();
    if (!db.data.tokenKey) {
      db.data.tokenKey = randomBytes(32).toString('hex');
      await db.write();
    }
    return new ConfigStore(db);
  }

  get config(): HallConfig | null {
    return this.db.data.config;
  }
  get tokenKey(): Buffer {
    return Buffer.from(this.db.data.tokenKey, 'hex');
  }
  pinHash(staffId: string): string | undefined {
    const pins = this.db.data.pins;
    return Object.hasOwn(pins, staffId) ? pins[staffId] : undefined;
  }

  /**
   * Imports a validated config file: PINs are hashed, then dropped. Over an existing hall (an
   * update), a PIN that still matches keeps its hash. Returns the staff whose PIN was set anew.
   */
  async importConfig(file: HallConfigFile): Promise<string[]> {
    const pins: Record<string, string> = {};
    const changed: string[] = [];
    // Two at a time: each scrypt hash takes 16 MB, and a city hall has hundreds of staff.
    const queue = file.staff.slice();
    const worker = async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const old = this.pinHash(s.id);
        if (old && (await verifyPin(s.pin, old))) pins[s.id] = old;
        else {
          pins[s.id] = await hashPin(s.pin);
          changed.push(s.id);
        }
      }
    };
    await Promise.all([worker(), worker()]);
    this.db.data.config = {
      hall: file.hall,
      services: file.services,
      windows: file.windows,
      staff: file.staff.map(({ pin: _pin, ...rest }) => rest),
      kiosks: file.kiosks,
    };
    this.db.data.pins = pins;
    await this.db.write();
    return changed;
  }
}
