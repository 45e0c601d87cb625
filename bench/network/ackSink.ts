import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

/**
 * A stand-in for the centre that acknowledges every batch at once and stores nothing: the
 * forwarding bench's reference for what forwarding costs the hub itself (reading its journal,
 * serialising batches, the HTTP), apart from a centre and its PostgreSQL working on the same
 * cores. Answers as the centre does: the highest seq received, and the hash of the hall's
 * metadata as it was sent, so the hub sends its metadata only when it changes. Prints its port.
 */
/** Acknowledged seq by journal: each hub round of the bench starts a journal of its own. */
const acked = new Map<string, number>();
let metaHash: string | null = null;

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const answer = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.method === 'PUT' && req.url?.endsWith('/meta')) {
      metaHash = createHash('sha256').update(body).digest('hex');
      return answer(200, { ok: true });
    }
    if (req.method === 'POST' && req.url?.endsWith('/events')) {
      const journalId = /"journalId":"([^"]+)"/.exec(body)?.[1] ?? '';
      let seq = acked.get(journalId) ?? 0;
      for (const m of body.matchAll(/"seq":(\d+)/g)) seq = Math.max(seq, Number(m[1]));
      acked.set(journalId, seq);
      return answer(200, { ackedSeq: seq, metaHash });
    }
    answer(404, { error: { code: 'NOT_FOUND' } });
  });
}).listen(0, '127.0.0.1', function (this: import('node:net').Server) {
  const addr = this.address() as import('node:net').AddressInfo;
  process.stdout.write(`ack sink on ${addr.port}\n`);
});
