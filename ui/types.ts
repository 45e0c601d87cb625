/** What the pages read from the hub's API (see the contract); only the fields the pages use. */
import type { HallEvent } from '../shared/events.ts';

export type { HallEvent };

export interface ServiceView {
  id: string;
  name: string;
  nameEn: string | null;
  prefix: string;
  waiting: number;
  estimatedWaitMin: number;
  allowPriority?: boolean;
  issueUntil?: string | null;
  remainingToday?: number | null;
  openWindows?: number;
  /** More waiting than the hall's limit per open window (RULES §9). */
  crowded?: boolean;
  materials?: string[];
  guide?: string | null;
  /** The commonest matters, shown on the kiosk's button. */
  matters?: string[];
  /** Numbers of the windows serving it, and of those open now. */
  windowNumbers?: number[];
  openWindowNumbers?: number[];
  /** Its numbers called or in service at a window now. */
  servingNow?: string[];
}

export interface PauseView {
  reason: string;
  note: string;
  expectedBackAt: string | null;
  since?: string;
}

export interface WindowView {
  id: string;
  number: number;
  name: string;
  serviceIds: string[];
  state: 'closed' | 'open' | 'paused';
  staffId: string | null;
  staffName: string | null;
  staffPhoto?: string | null;
  post: 'A' | 'B' | null;
  currentTicketId: string | null;
  currentNumber: string | null;
  currentStatus: string | null;
  pause: PauseView | null;
  postA?: string | null;
  postB?: string | null;
  /** Names of the window's A and B post holders (public by rule). */
  postAName?: string | null;
  postBName?: string | null;
}

export interface TicketView {
  id: string;
  number: string;
  serviceId: string;
  status: 'waiting' | 'called' | 'serving' | 'done' | 'no-show' | 'abandoned';
  priority?: boolean;
  issuedAt: string;
  calledAt: string | null;
  windowId: string | null;
  windowNumber?: number | null;
  ahead: number;
  estimatedWaitMin: number;
  rating: number | null;
  /** Set when done: done, one-time-notice (papers missing) or not-accepted. */
  outcome?: 'done' | 'one-time-notice' | 'not-accepted' | null;
  transfers?: { fromServiceId: string; toServiceId: string; at: string }[];
}

export interface HallInfo {
  name: string;
  timezone: string;
  notice: string;
  /** Base URL for QR codes phones scan (the hall's publicUrl); null: the page's own address. */
  publicUrl?: string | null;
  services: { id: string; name: string; nameEn: string | null; prefix: string }[];
  windows: { id: string; number: number; name: string; serviceIds: string[] }[];
}
