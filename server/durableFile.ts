import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * Whole-file writes that survive a power cut: the data goes to a temp file that is fsynced, is
 * renamed over the real name, and the directory is fsynced so the rename itself is on disk.
 * A bare write-and-rename (lowdb's own JSONFile) can leave an empty file under the real name
 * after a power cut, and an empty hall.json stops the hub from starting.
 */
const tempOf = (path: string) => join(dirname(path), `.${basename(path)}.tmp`);

export function syncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse to sync a directory; the file's own fsync still stands.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export function writeFileDurableSync(path: string, text: string): void {
  const tmp = tempOf(path);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  syncDir(dirname(path));
}

export async function writeFileDurable(path: string, text: string): Promise<void> {
  const tmp = tempOf(path);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  syncDir(dirname(path));
}

/** A lowdb adapter for a JSON file written as above; writes run one after another, in order. */
export class DurableJSONFile<T> implements Adapter<T> {
  private queue: Promise<void> = Promise.resolve();
  constructor(private readonly path: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as T;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data, null, 2);
    const run = () => writeFileDurable(this.path, text);
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => {});
    return p;
  }
}
