import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, createHub } from './app.ts';
import { createClock } from './clock.ts';
import { demoHall } from './demoHall.ts';
import { demoPairingLinks } from './demoPairing.ts';
import { JournalError } from './journal.ts';

/** Reads the environment of the contract, starts the hub, prints one ready line. */
function fail(msg: string): never {
  console.error(`hall hub: ${msg}`);
  process.exit(1);
}

function env() {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, got "${process.env.PORT}"`);
  const host = process.env.HOST ?? '0.0.0.0';
  const dataDir = resolve(process.env.QUEUE_DATA_DIR ?? './data');
  let start: number | undefined;
  if (process.env.QUEUE_CLOCK_START) {
    start = Date.parse(process.env.QUEUE_CLOCK_START);
    if (Number.isNaN(start) || !/[zZ]|[+-]\d\d:?\d\d$/.test(process.env.QUEUE_CLOCK_START)) {
      fail(`QUEUE_CLOCK_START must be an ISO 8601 instant with offset, got "${process.env.QUEUE_CLOCK_START}"`);
    }
  }
  const speed = Number(process.env.QUEUE_CLOCK_SPEED ?? 1);
  if (!(speed > 0 && speed <= 100_000)) fail(`QUEUE_CLOCK_SPEED must be a positive number, got "${process.env.QUEUE_CLOCK_SPEED}"`);
  let config: unknown;
  if (process.env.QUEUE_CONFIG) {
    try {
      config = JSON.parse(readFileSync(process.env.QUEUE_CONFIG, 'utf8'));
    } catch (e) {
      fail(`cannot read QUEUE_CONFIG ${process.env.QUEUE_CONFIG}: ${(e as Error).message}`);
    }
  }
  return { port, host, dataDir, start, speed, config, central: centralLink() };
}

/** QUEUE_CENTRAL_URL joins the hall to a network; its id and key must come with it. */
function centralLink() {
  const url = process.env.QUEUE_CENTRAL_URL;
  if (!url) return undefined;
  if (!/^https?:\/\/[\x21-\x7e]+$/.test(url)) fail(`QUEUE_CENTRAL_URL must be an http(s) URL, got "${url}"`);
  const hallId = process.env.QUEUE_HALL_ID ?? '';
  const key = process.env.QUEUE_HALL_KEY ?? '';
  if (!hallId) fail('QUEUE_CENTRAL_URL is set: QUEUE_HALL_ID must name this hall in the network file');
  if (key.length < 24 || !/^[\x21-\x7e]+$/.test(key)) fail('QUEUE_CENTRAL_URL is set: QUEUE_HALL_KEY must be this hall\'s key (at least 24 printable ASCII characters)');
  return { url, hallId, key };
}

async function main() {
  const e = env();
  let running;
  try {
    running = await createHub({
      dataDir: e.dataDir, config: e.config, clock: createClock({ start: e.start, speed: e.speed }),
      webDir: resolve(import.meta.dirname, '../dist'),
      // Benchmarks compare against the design without group commit.
      groupCommit: process.env.QUEUE_GROUP_COMMIT !== '0',
      updateConfig: process.env.QUEUE_CONFIG_UPDATE === '1',
      central: e.central,
    });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof JournalError) fail(err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      fail(`the disk holding the data dir ${e.dataDir} is full (${code}): free some space there (old backups, logs, other files) and start the hub again; nothing recorded so far is lost`);
    }
    if (code === 'EACCES' || code === 'ENOTDIR' || code === 'EROFS') fail(`data dir ${e.dataDir} is not usable: ${(err as Error).message}`);
    throw err;
  }
  let port: number;
  try {
    port = await running.listen(e.port, e.host);
  } catch (err) {
    await running.close();
    const code = (err as NodeJS.ErrnoException).code;
    fail(code === 'EADDRINUSE' ? `port ${e.port} is in use` : `cannot listen on ${e.host}:${e.port}: ${(err as Error).message}`);
  }
  const { hub } = running;
  if (running.createdDemo) {
    console.log('Demo hall created. Staff logins (staff number / PIN):');
    for (const s of demoHall.staff) console.log(`  ${s.id}  ${s.pin}  ${s.name} (${s.role})`);
  }
  // Pairing links for the demo hall's kiosk and pads (each link works once, for 15 minutes).
  const shownHost = e.host === '0.0.0.0' || e.host === '::' ? 'localhost' : e.host;
  const links = await demoPairingLinks(running, hub.config.hall.publicUrl?.replace(/\/$/, '') ?? `http://${shownHost}:${port}`).catch(() => []);
  if (links.length) {
    console.log('Demo devices: open each link once on the kiosk and on each window\'s pad to pair it (valid 15 minutes; restart for new ones):');
    for (const l of links) console.log(l);
  }
  console.log(`hall hub ready: ${hub.config.hall.name} on http://${e.host}:${port} (data ${e.dataDir}, business day ${hub.today()}, seq ${hub.journal.lastSeq})`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('uncaughtException', (err) => console.error('hall hub: unexpected error (kept running):', err));
  process.on('unhandledRejection', (err) => console.error('hall hub: unexpected rejection (kept running):', err));
}

void main();
