/** What the booking and lobby pages read from the hub (contract v2: the lobby, appointments). */
import type { ServiceView } from '../ui/types.ts';

export interface AppointmentRules {
  slotMin: number;
  perSlot: number;
  daysAhead: number;
  earlyMin: number;
  lateMin: number;
  /** Weekdays with slots (0 = Sunday). */
  weekdays?: number[];
}

/** A service as /api/services lists it; `appointments` is set when it takes bookings. */
export type BookableService = ServiceView & { appointments?: AppointmentRules | null };

export interface Slot {
  start: string;
  end: string;
  free: number;
}

/** `201` of `POST /api/appointments`. */
export interface Booking {
  id: string;
  code: string;
  serviceId: string;
  start: string;
  end: string;
}

/** The hall as /api/hall describes it; `address` when the hall's config gives one. */
export interface HallForBooking {
  name: string;
  timezone: string;
  address?: string | null;
  services: { id: string; name: string; nameEn: string | null; prefix: string }[];
  windows: { id: string; number: number; name: string; serviceIds: string[] }[];
  kiosks?: { id: string; name: string }[];
}

/** Defaults the contract gives when a hub leaves a rule out of its answer. */
export const DEFAULT_RULES: AppointmentRules = { slotMin: 30, perSlot: 4, daysAhead: 7, earlyMin: 30, lateMin: 15 };
