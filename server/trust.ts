import type { Request } from 'express';
import { DomainError } from '../shared/errors.ts';
import type { IssuedBy } from '../shared/events.ts';
import type { HallConfig } from '../shared/config.ts';
import type { TokenClaims } from './auth.ts';
import { DeviceStore, type Device } from './devices.ts';
import { bearer } from './http/auth.ts';
import { clientAddress, GuessThrottle, HourlyQuota } from './limits.ts';

/**
 * Who may act at the edges: paired devices, the public ticket quota, the pairing-code throttle.
 * Built once in the composition root and handed to the routes that need it.
 */
export interface Trust {
  devices: DeviceStore;
  /** Tickets (and check-ins) per client address per hour without a kiosk token. */
  ticketQuota: HourlyQuota;
  /** Wrong pairing codes, throttled like PINs. */
  pairThrottle: GuessThrottle;
  /** The claims of a valid staff token (signature, expiry, not revoked), or null. */
  staffClaims: (token: string) => TokenClaims | null;
}

export const DEFAULT_PUBLIC_TICKETS_PER_HOUR = 3;

export function createTrust(dataDir: string, config: () => HallConfig, staffClaims: Trust['staffClaims']): Trust {
  return {
    devices: DeviceStore.open(dataDir),
    ticketQuota: new HourlyQuota(() => config().hall.publicTicketsPerHour ?? DEFAULT_PUBLIC_TICKETS_PER_HOUR),
    pairThrottle: new GuessThrottle(5, 20),
    staffClaims,
  };
}

const revokedDevice = new DomainError('unauthorized', 'DEVICE_NOT_PAIRED', '本设备未配对或已被停用，请联系管理员重新配对', 'This device is not paired or was revoked; ask a manager to pair it again');
const notAKiosk = new DomainError('forbidden', 'FORBIDDEN', '只有取号机可以取号', 'Only a kiosk may issue tickets');
const quotaSpent = (n: number) =>
  new DomainError('throttled', 'TOO_MANY_TICKETS', `本设备一小时内最多取 ${n} 个号，请到大厅取号机取号`, `At most ${n} tickets an hour from this device; please use the hall's kiosk`);

/** The device a request's bearer token belongs to; a staff token is not a device (null). */
export function deviceOf(trust: Trust, req: Request): Device | null {
  const token = bearer(req);
  return token ? trust.devices.authenticate(token) : null;
}

/**
 * Decides whether a request may issue a ticket (or check in) and records who it was: a paired
 * kiosk or a signed-in staffer is bound only by the service's own limits; anyone else gets
 * `publicTicketsPerHour` per address. Call `release()` when the request ends without a ticket.
 */
export function gateIssue(trust: Trust, req: Request, now: number): { issuedBy: IssuedBy; release: () => void } {
  const address = clientAddress(req);
  const token = bearer(req);
  if (token) {
    const device = trust.devices.authenticate(token);
    if (device) {
      if (device.kind !== 'kiosk') throw notAKiosk;
      return { issuedBy: { address, deviceId: device.id }, release: () => {} };
    }
    const staff = trust.staffClaims(token);
    if (staff) return { issuedBy: { address, deviceId: null, staffId: staff.staffId }, release: () => {} };
    throw revokedDevice;
  }
  if (!trust.ticketQuota.take(address, now)) throw quotaSpent(trust.ticketQuota.limitNow());
  return { issuedBy: { address, deviceId: null }, release: () => trust.ticketQuota.giveBack(address, now) };
}
