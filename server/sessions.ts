import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HallConfig } from '../shared/config.ts';
import { pinFingerprint, type TokenClaims } from './auth.ts';
import { writeFileDurable } from './durableFile.ts';

/**
 * What ends a staff token before it expires: a manager's "sign out everywhere" (a generation per
 * staffer, kept in `sessions.json`, fsynced before the answer), and any change of the staffer's
 * PIN or role or their removal from the hall (read from the current config on every check, so a
 * QUEUE_CONFIG_UPDATE restart or any future admin route takes effect without extra bookkeeping).
 */
export class StaffSessions {
  private writing: Promise<void> = Promise.resolve();
  private constructor(private readonly path: string, private readonly generations: Record<string, number>) {}

  static open(dataDir: string): StaffSessions {
    const path = join(dataDir, 'sessions.json');
    let gens: Record<string, number> = {};
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as { generations?: Record<string, number> };
      if (parsed.generations && typeof parsed.generations === 'object') gens = parsed.generations;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`sessions.json is unreadable: ${(e as Error).message}`);
    }
    return new StaffSessions(path, Object.assign(Object.create(null) as Record<string, number>, gens));
  }

  generation(staffId: string): number {
    return this.generations[staffId] ?? 0;
  }

  /** Ends every token the staffer holds; durable before it resolves. */
  async signOutEverywhere(staffId: string): Promise<void> {
    this.generations[staffId] = this.generation(staffId) + 1;
    const text = JSON.stringify({ generations: this.generations }, null, 2);
    const run = () => writeFileDurable(this.path, text);
    const p = this.writing.then(run, run);
    this.writing = p.catch(() => {});
    await p;
  }
}

/** The claims a login puts in a token, so later checks can tell whether anything changed. */
export function claimsFor(staff: { id: string; role: TokenClaims['role'] }, pinHash: string, sessions: StaffSessions, exp: number): TokenClaims {
  return { staffId: staff.id, role: staff.role, exp, fp: pinFingerprint(pinHash), g: sessions.generation(staff.id) };
}

/** A token stays good while its staffer exists with the same role, PIN and sign-out generation. */
export function tokenStillValid(config: () => HallConfig | null, pinHash: (id: string) => string | undefined, sessions: StaffSessions) {
  return (c: TokenClaims): boolean => {
    const staff = config()?.staff.find((s) => s.id === c.staffId);
    if (!staff || staff.role !== c.role) return false;
    const hash = pinHash(c.staffId);
    if (!hash || c.fp !== pinFingerprint(hash)) return false;
    return (c.g ?? 0) === sessions.generation(c.staffId);
  };
}
