import { hallConfigSchema, type HallConfig, type HallConfigInput } from '../../shared/config.ts';
import { demoHall } from '../../server/demoHall.ts';

/** A hall config as the core sees it (no PINs), and the PINs the simulator logs in with. */
export function asHall(input: HallConfigInput): { hall: HallConfig; pins: Record<string, string> } {
  const f = hallConfigSchema.parse(input);
  return {
    hall: { ...f, staff: f.staff.map(({ pin: _p, ...s }) => s) },
    pins: Object.fromEntries(f.staff.map((s) => [s.id, s.pin])),
  };
}

/** Arrival shares of the demo hall's services: social insurance busiest, real estate capped. */
export const DEMO_MIX: Record<string, number> = { A: 35, B: 15, C: 20, D: 8, E: 22 };

export const demo = () => asHall(demoHall);

/**
 * A city district hall that issues about 3,000 tickets a day: 10 services, 56 windows (each
 * serving three services), a floater for every seven windows. Used for the year benchmark.
 */
export function busyHallInput(): HallConfigInput {
  const names = ['社保', '医保', '公积金', '税务', '户籍', '出入境', '不动产', '市场监管', '民政', '综合'];
  const services = names.map((name, i) => {
    const id = String.fromCharCode(65 + i);
    return { id, name, prefix: id, targetWaitMin: 15 + (i % 3) * 5, targetServiceMin: 4 + (i % 4), allowPriority: true };
  });
  const windows = Array.from({ length: 56 }, (_, i) => ({
    id: `W${i + 1}`, number: i + 1, name: `${i + 1}号窗口`,
    serviceIds: [services[i % 10]!.id, services[(i + 3) % 10]!.id, services[(i + 7) % 10]!.id],
    postA: `S${String(i + 1).padStart(3, '0')}`, postB: `S${String(57 + (i % 8)).padStart(3, '0')}`,
  }));
  const staff = Array.from({ length: 64 }, (_, i) => ({ id: `S${String(i + 1).padStart(3, '0')}`, name: `员工${i + 1}`, pin: String(200001 + i), role: 'staff' as const }));
  return {
    hall: { name: '示例区政务服务中心', timezone: 'Asia/Shanghai', hours: [['08:00', '12:00'], ['14:30', '17:30']] },
    services, windows, staff: [...staff, { id: 'M01', name: '周主任', pin: '900001', role: 'manager' }],
  };
}
