import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DurableJSONFile, writeFileDurableSync } from '../../server/durableFile.ts';
import { tempDir } from '../support/hub.ts';

describe('durable whole-file writes', () => {
  it('reads a missing file as null and a written one back', async () => {
    const dir = tempDir();
    const f = new DurableJSONFile<{ n: number }>(join(dir, 'x.json'));
    expect(await f.read()).toBeNull();
    await f.write({ n: 1 });
    expect(await f.read()).toEqual({ n: 1 });
  });

  it('keeps the last of writes issued together and leaves no temp file behind', async () => {
    const dir = tempDir();
    const f = new DurableJSONFile<{ n: number }>(join(dir, 'x.json'));
    await Promise.all([1, 2, 3, 4, 5].map((n) => f.write({ n })));
    expect(JSON.parse(readFileSync(join(dir, 'x.json'), 'utf8'))).toEqual({ n: 5 });
    expect(readdirSync(dir)).toEqual(['x.json']);
  });

  it('a damaged file is an error, never silently an empty store', async () => {
    const dir = tempDir();
    writeFileDurableSync(join(dir, 'x.json'), '{"n":');
    await expect(new DurableJSONFile(join(dir, 'x.json')).read()).rejects.toThrow();
  });
});
