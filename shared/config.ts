import { z } from 'zod';

/** "HH:MM" in the hall's local time. */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const id = z.string().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');

/** A service's booking rules: slots of `slotMin` tiling the hall's hours, `perSlot` bookings each. */
export const appointmentSettingsSchema = z.object({
  slotMin: z.number().int().min(5).max(240).default(30),
  perSlot: z.number().int().min(1).max(500).default(4),
  /** How many days ahead one may book (today counts as 0). */
  daysAhead: z.number().int().min(0).max(90).default(7),
  /** Check-in opens this many minutes before the slot and closes this many after its start. */
  earlyMin: z.number().int().min(0).max(240).default(30),
  lateMin: z.number().int().min(0).max(240).default(15),
  /** Weekdays with slots (0 = Sunday); the hall's `closedDates` have none. */
  weekdays: z.array(z.number().int().min(0).max(6)).max(7).default([1, 2, 3, 4, 5]),
});

export const serviceSchema = z.object({
  id,
  name: z.string().min(1).max(60),
  nameEn: z.string().max(80).optional(),
  prefix: z.string().regex(/^[A-Z]{1,2}$/, 'one or two capital letters'),
  targetWaitMin: z.number().int().min(1).max(600).default(15),
  targetServiceMin: z.number().int().min(1).max(600).default(10),
  /** Tickets per business day; further requests answer SERVICE_FULL. */
  dailyCap: z.number().int().min(1).max(9999).optional(),
  /** Last local time a ticket may be taken. */
  issueUntil: hhmm.optional(),
  /** Whether the green channel (priority tickets) is offered for this service. */
  allowPriority: z.boolean().default(true),
  /** One-time notice: the materials a visitor must bring. */
  materials: z.array(z.string().max(200)).max(50).default([]),
  guide: z.string().max(2000).optional(),
  /** The commonest matters (事项) of the service, shown on its kiosk button so visitors find it: 2 or 3. */
  matters: z.array(z.string().min(1).max(20)).max(3).optional(),
  /** Present when the service takes bookings (预约); see shared/appointments.ts. */
  appointments: appointmentSettingsSchema.optional(),
});

export const windowSchema = z.object({
  id,
  number: z.number().int().min(1).max(999),
  name: z.string().min(1).max(60),
  serviceIds: z.array(id).min(1).max(50),
  postA: id.optional(),
  postB: id.optional(),
});

export const staffSchema = z.object({
  id,
  name: z.string().min(1).max(40),
  pin: z.string().regex(/^\d{4,12}$/, '4 to 12 digits'),
  role: z.enum(['staff', 'manager', 'lobby']),
  photo: z.string().max(300).optional(),
});

export const kioskSchema = z.object({
  id,
  name: z.string().min(1).max(60),
  /** ESC/POS printer of this kiosk: tcp://host:9100. */
  printer: z.string().regex(/^tcp:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, 'expected tcp://host:port').optional(),
  /** Paper width of that printer: 80 mm (48 columns, the default) or 58 mm (32 columns). */
  paperMm: z.union([z.literal(58), z.literal(80)]).optional(),
});

export const hallSchema = z.object({
  name: z.string().min(1).max(80),
  timezone: z.string().min(1).max(64).refine(isTimeZone, 'unknown IANA time zone'),
  hours: z.array(z.tuple([hhmm, hhmm])).min(1).max(6).refine(
    (spans) => spans.every(([a, b]) => a < b) && spans.every((s, i) => i === 0 || spans[i - 1]![1] <= s[0]),
    'hours must be increasing, non-overlapping [from, to] pairs',
  ),
  /** How many priority tickets a window may call in a row before a regular one must be called. */
  priorityMaxConsecutive: z.number().int().min(1).max(20).default(3),
  /** Queue length per window above which the hall is alerted (RULES §9: more than 10). */
  crowdAlertPerWindow: z.number().int().min(1).max(200).default(10),
  notice: z.string().max(500).default(''),
  /** Where the hall is (street address), printed on booked visitors' booking cards. */
  address: z.string().max(200).optional(),
  /** Base URL printed in ticket QR codes (ASCII), e.g. http://192.168.1.10:8080; the hub's own address when absent. */
  publicUrl: z.string().regex(/^https?:\/\/[\x21-\x7e]+$/, 'expected an ASCII http(s) URL').optional(),
  /** Tickets (and check-ins) one client address may take per hour without a paired kiosk's token (default 3). */
  publicTicketsPerHour: z.number().int().min(0).max(100_000).optional(),
  /** Bookings one client address may make in a day without a staff token (default 5). */
  publicBookingsPerDay: z.number().int().min(1).max(1000).optional(),
  /** A phone that missed `missed` bookings within `withinDays` cannot book for `banDays` after the last (3, 30, 30). */
  bookingBan: z.object({
    missed: z.number().int().min(1).max(100).default(3),
    withinDays: z.number().int().min(1).max(365).default(30),
    banDays: z.number().int().min(0).max(365).default(30),
  }).optional(),
  /** Dates the hall does not open (public holidays): no booking slots. */
  closedDates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(400).optional(),
});

export const hallConfigSchema = z
  .object({
    hall: hallSchema,
    services: z.array(serviceSchema).min(1).max(100),
    windows: z.array(windowSchema).min(1).max(300),
    staff: z.array(staffSchema).min(1).max(2000),
    kiosks: z.array(kioskSchema).max(100).default([]),
  })
  .superRefine((cfg, ctx) => {
    const dup = (list: string[], what: string) => {
      const seen = new Set<string>();
      for (const x of list) {
        if (seen.has(x)) ctx.addIssue({ code: 'custom', message: `duplicate ${what} "${x}"` });
        seen.add(x);
      }
      return seen;
    };
    const services = dup(cfg.services.map((s) => s.id), 'service id');
    dup(cfg.services.map((s) => s.prefix), 'service prefix');
    dup(cfg.windows.map((w) => w.id), 'window id');
    dup(cfg.windows.map((w) => String(w.number)), 'window number');
    const staff = dup(cfg.staff.map((s) => s.id), 'staff id');
    for (const w of cfg.windows) {
      for (const s of w.serviceIds) {
        if (!services.has(s)) ctx.addIssue({ code: 'custom', message: `window ${w.id} refers to missing service "${s}"` });
      }
      for (const p of [w.postA, w.postB]) {
        if (p !== undefined && !staff.has(p)) ctx.addIssue({ code: 'custom', message: `window ${w.id} refers to missing staff "${p}"` });
      }
    }
  });

export type HallConfigInput = z.input<typeof hallConfigSchema>;
export type HallConfigFile = z.output<typeof hallConfigSchema>;
export type ServiceConfig = z.output<typeof serviceSchema>;
export type WindowConfig = z.output<typeof windowSchema>;
export type HallSettings = z.output<typeof hallSchema>;
export type AppointmentSettings = z.output<typeof appointmentSettingsSchema>;
/** `lobby`: 大堂经理 / 导服, steers visitors and serves at no window. */
export type StaffRole = z.output<typeof staffSchema>['role'];

/** The hall as the core sees it: no PINs. */
export interface HallConfig {
  hall: HallSettings;
  services: ServiceConfig[];
  windows: WindowConfig[];
  staff: { id: string; name: string; role: StaffRole; photo?: string }[];
  kiosks: KioskConfig[];
}
export type KioskConfig = z.output<typeof kioskSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Formats zod issues as one readable line per problem, with the path that failed. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
