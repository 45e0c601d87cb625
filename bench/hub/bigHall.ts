import type { HallConfigInput } from '../../shared/config.ts';

/** A city's largest centre: 100 windows, 20 services, 110 staff; PINs are the staff number's digits. */
export function bigHall(windows = 100, services = 20): HallConfigInput {
  const svc = Array.from({ length: services }, (_, i) => {
    const prefix = String.fromCharCode(65 + i);
    return { id: prefix, name: `业务${prefix}`, prefix, targetWaitMin: 15, targetServiceMin: 8 };
  });
  const staff = Array.from({ length: windows + 10 }, (_, i) => ({
    id: `S${String(i + 1).padStart(3, '0')}`, name: `员工${i + 1}`, pin: String(100000 + i + 1), role: 'staff' as const,
  }));
  return {
    hall: { name: '市民服务中心', timezone: 'Asia/Shanghai', hours: [['08:00', '12:00'], ['13:30', '17:30']] },
    services: svc,
    windows: Array.from({ length: windows }, (_, i) => ({
      id: `W${i + 1}`, number: i + 1, name: `窗口${i + 1}`,
      serviceIds: [svc[i % services]!.id, svc[(i + 1) % services]!.id, svc[(i + 7) % services]!.id],
      postA: staff[i]!.id, postB: staff[(i + 1) % windows]!.id,
    })),
    staff: [...staff, { id: 'M01', name: '主任', pin: '900001', role: 'manager' }],
  };
}
