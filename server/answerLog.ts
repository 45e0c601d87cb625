import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir } from './durableFile.ts';
import type { StoredAnswer } from './hub.ts';

/**
 * Answers to keyed window actions that caused no event (a refusal, or signing in where one
 * already is). Answers that did cause events travel in the journal with them; these have no
 * journal line, so they get one here, a file per business day, fsynced before the answer is sent,
 * so a retry after a restart still gets the first answer.
 */
export class AnswerLog {
  constructor(private readonly dir: string) {}

  private path(day: string) {
    return join(this.dir, `${day}.jsonl`);
  }

  load(day: string): [string, StoredAnswer][] {
    const p = this.path(day);
    if (!existsSync(p)) return [];
    const out: [string, StoredAnswer][] = [];
    for (const line of readFileSync(p, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        const { key, status, body } = JSON.parse(line) as { key: string; status: number; body: unknown };
        if (typeof key === 'string' && typeof status === 'number') out.push([key, { status, body }]);
      } catch {
        // Only a torn last line can fail to parse, and its answer was never sent.
      }
    }
    return out;
  }

  async append(day: string, key: string, answer: StoredAnswer): Promise<void> {
    const fresh = !existsSync(this.dir);
    if (fresh) mkdirSync(this.dir, { recursive: true });
    const p = this.path(day);
    const created = !existsSync(p);
    const fh = await open(p, 'a');
    try {
      await fh.write(`${JSON.stringify({ key, ...answer })}\n`);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    if (created) syncDir(this.dir);
  }
}
