import type { ErrorRequestHandler, Request, Response } from 'express';
import { z } from 'zod';
import { DomainError, type ErrorKind } from '../../shared/errors.ts';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400, unauthorized: 401, forbidden: 403, 'not-found': 404, conflict: 409, 'too-large': 413,
  throttled: 429, unavailable: 503,
};

export function statusOf(e: DomainError): number {
  return STATUS[e.kind];
}

/** Chinese unless the client prefers English: by q-value, then by order (`zh;q=0.5, en` is English). */
export function wantsEnglish(req: Pick<Request, 'headers'>): boolean {
  let best: { lang: string; q: number } | null = null;
  for (const part of String(req.headers['accept-language'] ?? '').toLowerCase().split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const lang = tag.trim().split('-')[0]!;
    if (lang !== 'en' && lang !== 'zh') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang === 'en';
}

export function errorBody(e: DomainError, english: boolean) {
  return { error: { code: e.code, message: english ? e.en : e.zh } };
}

export function sendError(req: Request, res: Response, e: DomainError) {
  res.status(statusOf(e)).json(errorBody(e, wantsEnglish(req)));
}

/** Turns a schema failure into the contract's 400, naming the field. */
export function badInput(error: z.ZodError): DomainError {
  const first = error.issues[0];
  const where = first?.path.length ? first.path.join('.') : 'body';
  const msg = first?.message ?? 'invalid';
  return new DomainError('invalid', 'BAD_REQUEST', `请求有误：${where} ${msg}`, `Bad request: ${where}: ${msg}`);
}

export function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw badInput(r.error);
  return r.data;
}

/** The one error mapper: domain errors keep their status, body-parser errors become 400/413, all else 500 without internals. */
export function errorHandler(log: (m: string) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof DomainError) return sendError(req, res, err);
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large' || e.status === 413) {
      return sendError(req, res, new DomainError('too-large', 'PAYLOAD_TOO_LARGE', '请求内容过大', 'Request body too large'));
    }
    if (e.type === 'entity.parse.failed' || e.type === 'encoding.unsupported' || e.type === 'charset.unsupported' || (e.status && e.status >= 400 && e.status < 500)) {
      return sendError(req, res, new DomainError('invalid', 'BAD_REQUEST', '请求格式有误（需要 JSON）', 'Malformed request (JSON expected)'));
    }
    log(`unexpected error on ${req.method} ${req.path}: ${e.message ?? String(err)}`);
    res.status(500).json({ error: { code: 'INTERNAL', message: wantsEnglish(req) ? 'Internal error' : '系统内部错误' } });
  };
}
