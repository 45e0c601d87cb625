import { describe, expect, it } from 'vitest';
import { dueAlert, loadGiven, saveGiven, type AlertKind } from '../../../phone/alerts.ts';

const tk = (status: string, ahead: number) => ({ id: 't1', status, ahead });

/** Follows a ticket through reads of the phone page, as the page does, and lists what it said. */
function said(reads: { status: string; ahead: number }[], given = new Set<AlertKind>()): AlertKind[] {
  const out: AlertKind[] = [];
  for (const r of reads) {
    const k = dueAlert({ id: 't1', ...r }, given);
    if (!k) continue;
    out.push(k);
    given.add(k);
    if (k === 'called') given.add('near');
  }
  return out;
}

describe('the phone page says "nearly your turn" and "called", once each', () => {
  it('given a ticket moving up from 6 ahead to being called, then it says near at 3 ahead and called when called, nothing else', () => {
    expect(said([tk('waiting', 6), tk('waiting', 4), tk('waiting', 3), tk('waiting', 2), tk('waiting', 0), tk('called', 0), tk('serving', 0)]))
      .toEqual(['near', 'called']);
  });

  it('given a recall, a requeue and a second call, then nothing is said again', () => {
    expect(said([tk('waiting', 1), tk('called', 0), tk('waiting', 0), tk('called', 0), tk('called', 0)])).toEqual(['near', 'called']);
  });

  it('given a ticket called straight away, then only called is said, and no late "nearly" after it', () => {
    expect(said([tk('called', 0), tk('waiting', 0)])).toEqual(['called']);
  });

  it('given the ticket moved back to 5 ahead after near was said, then near is not said a second time', () => {
    expect(said([tk('waiting', 2), tk('waiting', 5), tk('waiting', 3)])).toEqual(['near']);
  });

  it('says nothing for a ticket that is done, missed or cancelled', () => {
    expect(said([tk('done', 0), tk('no-show', 0), tk('cancelled', 0), tk('abandoned', 0)])).toEqual([]);
  });

  it('remembers what was said per ticket across a reload, and starts afresh when storage is unreadable', () => {
    const data = new Map<string, string>();
    const st = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    saveGiven(st, 't1', new Set<AlertKind>(['near']));
    expect(said([tk('waiting', 1), tk('called', 0)], loadGiven(st, 't1'))).toEqual(['called']);
    expect([...loadGiven(st, 't2')]).toEqual([]);
    const broken = { getItem: () => { throw new Error('denied'); } };
    expect([...loadGiven(broken, 't1')]).toEqual([]);
  });
});
