import { describe, expect, it } from 'vitest';
import { describeIssues, hallConfigSchema, type HallConfigInput } from '../../../shared/config.ts';
import { specHallInput } from '../../support/spec.ts';

/** The example printed in the contract, as it stands. */
const contractExample = {
  hall: { name: '示例镇便民服务中心', timezone: 'Asia/Shanghai', hours: [['08:00', '12:00'], ['14:30', '17:30']] },
  services: [{ id: 'A', name: '社保医保', prefix: 'A', targetWaitMin: 15, targetServiceMin: 10 }],
  windows: [{ id: 'W1', number: 1, name: '综合窗口1', serviceIds: ['A', 'B'], postA: 'S01', postB: 'S02' }],
  staff: [
    { id: 'S01', name: '张三', pin: '482913', role: 'staff' },
    { id: 'M01', name: '王主任', pin: '730521', role: 'manager' },
  ],
};

/** The same example with the service and staffer it mentions but leaves out. */
const completedExample = {
  ...contractExample,
  services: [...contractExample.services, { id: 'B', name: '民政', prefix: 'B' }],
  staff: [...contractExample.staff, { id: 'S02', name: '李四', pin: '591024', role: 'staff' }],
};

function problems(input: unknown): string {
  const r = hallConfigSchema.safeParse(input);
  if (r.success) throw new Error('expected the config to be rejected');
  return describeIssues(r.error);
}

describe('the hall config file', () => {
  it('parses the contract\u2019s example once the ids it names exist, filling defaults', () => {
    const cfg = hallConfigSchema.parse(completedExample);
    expect(cfg.hall).toMatchObject({ name: '示例镇便民服务中心', timezone: 'Asia/Shanghai', priorityMaxConsecutive: 3, crowdAlertPerWindow: 10, notice: '' });
    expect(cfg.services[0]).toMatchObject({ id: 'A', prefix: 'A', targetWaitMin: 15, targetServiceMin: 10, allowPriority: true, materials: [] });
    expect(cfg.services[1]).toMatchObject({ id: 'B', targetWaitMin: 15, targetServiceMin: 10 });
    expect(cfg.windows[0]?.serviceIds).toEqual(['A', 'B']);
    expect(cfg.kiosks).toEqual([]);
  });

  it('rejects the contract\u2019s example as printed, naming the service and staffer it lacks', () => {
    const msg = problems(contractExample);
    expect(msg).toContain('window W1 refers to missing service "B"');
    expect(msg).toContain('window W1 refers to missing staff "S02"');
  });

  it('rejects a window that refers to a missing service or staffer, naming it', () => {
    const bad = { ...specHallInput, windows: [...specHallInput.windows, { id: 'W9', number: 9, name: '窗口9', serviceIds: ['Q'], postB: 'S77' }] };
    const msg = problems(bad);
    expect(msg).toMatch(/W9.*"Q"/);
    expect(msg).toMatch(/W9.*"S77"/);
  });

  it('rejects duplicate ids, prefixes and window numbers', () => {
    const dupService = { ...specHallInput, services: [...specHallInput.services, { id: 'A', name: '重复', prefix: 'Z' }] };
    expect(problems(dupService)).toContain('duplicate service id "A"');
    const dupPrefix = { ...specHallInput, services: [...specHallInput.services, { id: 'Z', name: '重复', prefix: 'B' }] };
    expect(problems(dupPrefix)).toContain('duplicate service prefix "B"');
    const dupWindow = { ...specHallInput, windows: [...specHallInput.windows, { ...specHallInput.windows[0]!, number: 99 }] };
    expect(problems(dupWindow)).toContain('duplicate window id "W1"');
    const dupNumber = { ...specHallInput, windows: [...specHallInput.windows, { ...specHallInput.windows[0]!, id: 'W99' }] };
    expect(problems(dupNumber)).toContain('duplicate window number "1"');
    const dupStaff = { ...specHallInput, staff: [...specHallInput.staff, { id: 'S01', name: '重名', pin: '123456', role: 'staff' as const }] };
    expect(problems(dupStaff)).toContain('duplicate staff id "S01"');
  });

  it('keeps unknown keys out, at every level', () => {
    const cfg = hallConfigSchema.parse({
      ...completedExample,
      extra: 1,
      hall: { ...completedExample.hall, colour: 'red' },
      services: completedExample.services.map((s) => ({ ...s, __proto__x: 'x', cost: 5 })),
      staff: completedExample.staff.map((s) => ({ ...s, salary: 1 })),
    });
    expect(cfg).not.toHaveProperty('extra');
    expect(cfg.hall).not.toHaveProperty('colour');
    expect(cfg.services[0]).not.toHaveProperty('cost');
    expect(cfg.services[0]).not.toHaveProperty('__proto__x');
    expect(cfg.staff[0]).not.toHaveProperty('salary');
  });

  it('rejects a time zone that is not an IANA zone', () => {
    for (const tz of ['Asia/Beijing', 'CST+8', 'Mars/Olympus', '']) {
      const msg = problems({ ...completedExample, hall: { ...completedExample.hall, timezone: tz } });
      expect(msg).toMatch(/^hall\.timezone: /);
    }
    for (const tz of ['Asia/Shanghai', 'Asia/Urumqi', 'Europe/Berlin', 'UTC']) {
      expect(hallConfigSchema.safeParse({ ...completedExample, hall: { ...completedExample.hall, timezone: tz } }).success).toBe(true);
    }
  });

  it('rejects hours that overlap or run backwards, and times that are not HH:MM', () => {
    const withHours = (hours: unknown) => ({ ...completedExample, hall: { ...completedExample.hall, hours } });
    expect(problems(withHours([['12:00', '08:00']]))).toContain('hall.hours');
    expect(problems(withHours([['08:00', '12:00'], ['11:00', '17:00']]))).toContain('hall.hours');
    expect(problems(withHours([['8:00', '12:00']]))).toContain('hall.hours');
    expect(problems(withHours([['08:00', '24:00']]))).toContain('hall.hours');
  });

  it('rejects prefixes that are not one or two capital letters, caps above 9999 (four digits) and PINs that are not digits', () => {
    const withService = (patch: object) => ({ ...completedExample, services: [{ ...completedExample.services[0]!, ...patch }, completedExample.services[1]!] });
    expect(problems(withService({ prefix: 'a' }))).toContain('services.0.prefix');
    expect(problems(withService({ prefix: 'ABC' }))).toContain('services.0.prefix');
    expect(problems(withService({ dailyCap: 10000 }))).toContain('services.0.dailyCap');
    expect(hallConfigSchema.safeParse(withService({ dailyCap: 1500 })).success).toBe(true);
    expect(problems(withService({ issueUntil: '4pm' }))).toContain('services.0.issueUntil');
    const badPin = { ...completedExample, staff: [{ ...completedExample.staff[0]!, pin: '12ab' }, ...completedExample.staff.slice(1)] };
    expect(problems(badPin)).toContain('staff.0.pin');
  });

  it('rejects a window with no services, and a config with no window', () => {
    const noServices: HallConfigInput = { ...specHallInput, windows: [{ ...specHallInput.windows[0]!, serviceIds: [] }] };
    expect(problems(noServices)).toContain('windows.0.serviceIds');
    expect(problems({ ...specHallInput, windows: [] })).toContain('windows');
  });
});
