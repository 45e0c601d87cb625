import { Low } from 'lowdb';
import { existsSync, readFileSync, truncateSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { DurableJSONFile } from '../durableFile.ts';
import { defaultRubric } from '../../shared/scoring/rubrics.ts';
import { DEFAULT_SCHEDULE, type ScheduleSettings, type ScoringRecord } from '../../shared/scoring/types.ts';

/** Settings edited as a whole: lowdb. */
export interface ScoringSettings {
  schedule: ScheduleSettings;
  rubricId: string;
  /** Bumped on every change of schedule or rubric, so cached day scores are recomputed. */
  version: number;
  history: { what: 'schedule' | 'rubric'; value: string; by: string; at: string }[];
}

/**
 * Scoring's own storage in the data dir: settings in `scoring.json` (lowdb), and manual records
 * (leave, complaints, entries, corrections) in `scoring-records.jsonl`, appended and fsynced before
 * a manager is answered, never rewritten: a correction is a new record.
 */
export class ScoringStore {
  private writing: Promise<void> = Promise.resolve();
  readonly records: ScoringRecord[] = [];

  private constructor(
    private readonly db: Low<ScoringSettings>,
    private readonly logPath: string,
  ) {}

  static async open(dataDir: string): Promise<ScoringStore> {
    const db = new Low<ScoringSettings>(new DurableJSONFile(join(dataDir, 'scoring.json')), {
      schedule: DEFAULT_SCHEDULE, rubricId: defaultRubric.id, version: 1, history: [],
    });
    await db.read();
    const store = new ScoringStore(db, join(dataDir, 'scoring-records.jsonl'));
    store.load();
    return store;
  }

  private load() {
    if (!existsSync(this.logPath)) return;
    const text = readFileSync(this.logPath, 'utf8');
    // A torn last line (a crash mid-write, never answered) is cut, or the next record would be
    // appended to it and lost with it on the following start.
    const whole = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
    if (whole.length < text.length) truncateSync(this.logPath, Buffer.byteLength(whole, 'utf8'));
    for (const line of whole.split('\n')) {
      if (!line.trim()) continue;
      try {
        this.records.push(JSON.parse(line) as ScoringRecord);
      } catch {
        // A damaged whole line cannot be read back; the others still count.
      }
    }
  }

  get settings(): Readonly<ScoringSettings> {
    return this.db.data;
  }

  /** Changes with each record or setting: part of the score cache key. */
  get version(): string {
    return `${this.db.data.version}.${this.records.length}`;
  }

  async append(record: ScoringRecord): Promise<void> {
    // Manual records are few: each opens, writes, syncs and closes, so nothing is left open.
    const run = async () => {
      const fh = await open(this.logPath, 'a');
      const size = (await fh.stat()).size;
      try {
        await fh.write(`${JSON.stringify(record)}\n`);
        await fh.datasync();
      } catch (e) {
        // Not answered, so not kept: cut what part of it reached the file.
        await fh.truncate(size).catch(() => {});
        throw e;
      } finally {
        await fh.close();
      }
      this.records.push(record);
    };
    const p = this.writing.then(run, run);
    this.writing = p.catch(() => {});
    return p;
  }

  async setSchedule(schedule: ScheduleSettings, by: string, at: string): Promise<void> {
    this.db.data.schedule = schedule;
    this.db.data.version++;
    this.db.data.history.push({ what: 'schedule', value: JSON.stringify(schedule), by, at });
    await this.db.write();
  }

  async setRubric(rubricId: string, by: string, at: string): Promise<void> {
    this.db.data.rubricId = rubricId;
    this.db.data.version++;
    this.db.data.history.push({ what: 'rubric', value: rubricId, by, at });
    await this.db.write();
  }
}
