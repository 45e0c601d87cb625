import { requestFrom } from '../../test/support/fromAddress.ts';

/**
 * A login sent from a given loopback address on a connection of its own: to the hub, each
 * 127.x.y.z is another client (another phone on the hall's Wi-Fi), with its own lockout.
 */
export async function loginFrom(url: string, from: string, staffId: string, pin: string): Promise<{ status: number; code: string | null }> {
  const answer = await requestFrom(url, from, 'POST', '/api/auth/login', JSON.stringify({ staffId, pin }), true);
  return { status: answer.status, code: (answer.body as { error?: { code?: string } } | null)?.error?.code ?? null };
}

/** The address of the `i`th made-up client: 127.1.0.1, 127.1.0.2, … (all loopback on Linux). */
export const clientAddress = (i: number) => `127.${1 + Math.floor(i / 65_000)}.${Math.floor((i % 65_000) / 250)}.${1 + (i % 250)}`;
