/**
 * The simulator's timetable: actions at hall instants, run one at a time in time order (ties in
 * the order they were planned), each awaited before the next so the hub sees a plausible hall.
 */
interface Item {
  at: number;
  n: number;
  run: () => Promise<void> | void;
}

export class Agenda {
  private heap: Item[] = [];
  private n = 0;
  now = 0;

  at(at: number, run: Item['run']): void {
    const item = { at: Math.max(at, this.now), n: this.n++, run };
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  after(ms: number, run: Item['run']): void {
    this.at(this.now + ms, run);
  }

  private pop(): Item | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l]!, h[m]!)) m = l;
        if (r < h.length && less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }

  /** Runs everything planned, including what the actions plan meanwhile; `before` moves the clock. */
  async run(before: (at: number) => Promise<void>): Promise<void> {
    for (let item = this.pop(); item; item = this.pop()) {
      this.now = item.at;
      await before(item.at);
      await item.run();
    }
  }
}

const less = (a: Item, b: Item) => a.at < b.at || (a.at === b.at && a.n < b.n);
