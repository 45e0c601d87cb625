import type { HallConfig } from '../../shared/config.ts';
import { hallConfigSchema } from '../../shared/config.ts';
import type { HallEvent, HallEventBody, Outcome } from '../../shared/events.ts';
import { localTimeToMs, toIso } from '../../shared/time.ts';

/**
 * Hand-built days for the report specifications: every event written out with its local time,
 * so each expected figure can be worked out by hand in the test beside it.
 */
export const TZ = 'Asia/Shanghai';

export function reportHall(): HallConfig {
  const f = hallConfigSchema.parse({
    hall: { name: '报表测试中心', timezone: TZ, hours: [['08:00', '12:00'], ['14:30', '17:30']] },
    services: [
      { id: 'A', name: '社保', prefix: 'A', targetWaitMin: 15, targetServiceMin: 10 },
      { id: 'B', name: '民政', prefix: 'B', targetWaitMin: 20, targetServiceMin: 12 },
    ],
    windows: [
      { id: 'W1', number: 1, name: '一号窗口', serviceIds: ['A', 'B'], postA: 'S01' },
      { id: 'W2', number: 2, name: '二号窗口', serviceIds: ['B'], postA: 'S02' },
    ],
    staff: [
      { id: 'S01', name: '张敏', pin: '100001', role: 'staff' },
      { id: 'S02', name: '李强', pin: '100002', role: 'staff' },
    ],
  });
  return { ...f, staff: f.staff.map(({ pin: _p, ...s }) => s) };
}

const WINDOW_NUMBER: Record<string, number> = { W1: 1, W2: 2 };
const STAFF_AT: Record<string, string> = { W1: 'S01', W2: 'S02' };

/** Events of one business day, each at a local "HH:MM:SS". */
export class Day {
  readonly events: HallEvent[] = [];
  private readonly tickets = new Map<string, { number: string; serviceId: string }>();
  constructor(
    readonly day = '2026-11-23',
    private seq = 0,
  ) {}

  ms(hhmmss: string): number {
    const [hh, mm, ss = '0'] = hhmmss.split(':');
    return localTimeToMs(this.day, `${hh}:${mm}`, TZ) + Number(ss) * 1000;
  }

  private push(time: string, body: HallEventBody): this {
    this.events.push({ ...body, seq: ++this.seq, at: toIso(this.ms(time), TZ) } as HallEvent);
    return this;
  }

  private ref(id: string) {
    const t = this.tickets.get(id)!;
    return { ticketId: id, number: t.number, serviceId: t.serviceId };
  }

  issue(time: string, id: string, number: string, serviceId: string, priority = false) {
    this.tickets.set(id, { number, serviceId });
    return this.push(time, { type: 'TicketIssued', data: { ticketId: id, number, serviceId, priority, businessDay: this.day } });
  }
  signIn(time: string, windowId: string, staffId = STAFF_AT[windowId]!) {
    return this.push(time, {
      type: 'StaffSignedIn',
      data: { windowId, staffId, windowNumber: WINDOW_NUMBER[windowId]!, staffName: staffId, post: 'A', takeoverFrom: null },
    });
  }
  signOut(time: string, windowId: string, staffId = STAFF_AT[windowId]!) {
    return this.push(time, { type: 'StaffSignedOut', data: { windowId, staffId, reason: 'sign-out' } });
  }
  pause(time: string, windowId: string) {
    return this.push(time, { type: 'WindowPaused', data: { windowId, staffId: STAFF_AT[windowId]!, reason: 'break', note: '', expectedBackAt: null } });
  }
  resume(time: string, windowId: string) {
    return this.push(time, { type: 'WindowResumed', data: { windowId, staffId: STAFF_AT[windowId]! } });
  }
  call(time: string, id: string, windowId: string) {
    return this.push(time, { type: 'TicketCalled', data: { ...this.ref(id), windowId, staffId: STAFF_AT[windowId]!, windowNumber: WINDOW_NUMBER[windowId]!, post: 'A' } });
  }
  recall(time: string, id: string, windowId: string) {
    return this.push(time, { type: 'TicketRecalled', data: { ...this.ref(id), windowId, staffId: STAFF_AT[windowId]!, windowNumber: WINDOW_NUMBER[windowId]! } });
  }
  start(time: string, id: string, windowId: string) {
    return this.push(time, { type: 'ServiceStarted', data: { ...this.ref(id), windowId, staffId: STAFF_AT[windowId]! } });
  }
  finish(time: string, id: string, windowId: string, outcome: Outcome = 'done') {
    return this.push(time, { type: 'ServiceFinished', data: { ...this.ref(id), windowId, staffId: STAFF_AT[windowId]!, outcome } });
  }
  noShow(time: string, id: string, windowId: string) {
    return this.push(time, { type: 'TicketNoShow', data: { ...this.ref(id), windowId, staffId: STAFF_AT[windowId]! } });
  }
  requeue(time: string, id: string, windowId: string) {
    return this.push(time, { type: 'TicketRequeued', data: { ...this.ref(id), windowId, staffId: STAFF_AT[windowId]! } });
  }
  transfer(time: string, id: string, windowId: string, toServiceId: string) {
    this.push(time, { type: 'TicketTransferred', data: { ...this.ref(id), windowId, staffId: STAFF_AT[windowId]!, toServiceId, reason: '' } });
    this.tickets.get(id)!.serviceId = toServiceId;
    return this;
  }
  rate(time: string, id: string, windowId: string, score: number) {
    const t = this.tickets.get(id)!;
    return this.push(time, { type: 'TicketRated', data: { ticketId: id, number: t.number, score, windowId, staffId: STAFF_AT[windowId]! } });
  }
  close(time: string, abandonedTicketIds: string[]) {
    return this.push(time, { type: 'DayClosed', data: { businessDay: this.day, abandonedTicketIds } });
  }
}
