import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCentral } from './app.ts';
import { demoNetwork, NetworkConfigError } from './network.ts';

/** `npm run central`: reads the contract's environment, starts the centre, prints one ready line. */
function fail(msg: string): never {
  console.error(`hall network centre: ${msg}`);
  process.exit(1);
}

async function main() {
  const port = Number(process.env.CENTRAL_PORT ?? 8090);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`CENTRAL_PORT must be a port number, got "${process.env.CENTRAL_PORT}"`);
  const host = process.env.HOST ?? '0.0.0.0';
  const dataDir = resolve(process.env.CENTRAL_DATA_DIR ?? './central-data');
  const pgPort = process.env.CENTRAL_PG_PORT ? Number(process.env.CENTRAL_PG_PORT) : undefined;
  let network: unknown;
  if (process.env.CENTRAL_CONFIG) {
    try {
      network = JSON.parse(readFileSync(process.env.CENTRAL_CONFIG, 'utf8'));
    } catch (e) {
      fail(`cannot read CENTRAL_CONFIG ${process.env.CENTRAL_CONFIG}: ${(e as Error).message}`);
    }
  }
  let central;
  try {
    central = await createCentral({
      databaseUrl: process.env.CENTRAL_DATABASE_URL || undefined, dataDir, pgPort, network,
      webDir: resolve(import.meta.dirname, '../../dist'),
    });
  } catch (e) {
    if (e instanceof NetworkConfigError) fail(e.message);
    fail(`cannot start: ${(e as Error).message}`);
  }
  let bound: number;
  try {
    bound = await central.listen(port, host);
  } catch (e) {
    await central.close();
    const code = (e as NodeJS.ErrnoException).code;
    fail(code === 'EADDRINUSE' ? `port ${port} is in use` : `cannot listen on ${host}:${port}: ${(e as Error).message}`);
  }
  if (central.createdDemo) {
    console.log('Demo network created. Logins (user / PIN):');
    for (const u of demoNetwork.users) console.log(`  ${u.id}  ${u.pin}  ${u.name} (${u.role}${u.halls?.length ? `: ${u.halls.join(',')}` : ''})`);
    console.log('Demo hall keys (QUEUE_HALL_ID / QUEUE_HALL_KEY for each hub):');
    for (const h of demoNetwork.halls) console.log(`  ${h.id}  ${h.key}  ${h.name}`);
  }
  const where = process.env.CENTRAL_DATABASE_URL ? 'PostgreSQL at CENTRAL_DATABASE_URL' : `embedded PostgreSQL in ${dataDir}`;
  console.log(`hall network centre ready: http://${host}:${bound}/central (${where})`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await central.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('uncaughtException', (err) => console.error('hall network centre: unexpected error (kept running):', err));
  process.on('unhandledRejection', (err) => console.error('hall network centre: unexpected rejection (kept running):', err));
}

void main();
