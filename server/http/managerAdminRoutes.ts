import { Router, type Request } from 'express';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DomainError, invalid, notFound } from '../../shared/errors.ts';
import { complaintDeadline } from '../../shared/scoring/records.ts';
import { RUBRICS, rubricById } from '../../shared/scoring/rubrics.ts';
import { complaintDue } from '../../shared/scoring/schedule.ts';
import type { ScoringRecord } from '../../shared/scoring/types.ts';
import { isDate } from '../../shared/time.ts';
import type { Hub } from '../hub.ts';
import type { ScoreService } from '../scoring/service.ts';
import { parse } from './errors.ts';

const date = z.string().refine(isDate, 'expected YYYY-MM-DD');
const id = z.string().min(1).max(32);
const weekdays = z.array(z.number().int().min(0).max(6)).max(7);

const scheduleBody = z.object({
  workWeekdays: weekdays,
  holidays: z.array(date).max(400),
  extraWorkdays: z.array(date).max(400),
  graceMin: z.number().int().min(0).max(60),
  pauseLimitMin: z.number().int().min(1).max(480),
  shifts: z.array(z.object({ staffId: id, weekdays, from: date.nullable().default(null), to: date.nullable().default(null) })).max(2000),
});
const leaveBody = z.object({
  staffId: id, from: date, to: date, spans: z.array(z.number().int().min(0).max(5)).min(1).max(6).nullable().default(null),
  coverStaffId: id.nullable().default(null), note: z.string().max(500).default(''),
});
const entryBody = z.object({
  date, staffId: id.nullable().default(null), windowId: id.nullable().default(null), item: z.string().min(1).max(40),
  count: z.number().int().min(1).max(100).default(1), points: z.number().int().min(-100).max(100).nullable().default(null), note: z.string().max(500).default(''),
});
const complaintBody = z.object({
  date, staffId: id.nullable().default(null), windowId: id.nullable().default(null),
  surname: z.string().max(20).default(''), phone: z.string().regex(/^[0-9+\- ]{0,20}$/, 'digits only').default(''),
  content: z.string().min(1).max(2000), channel: z.enum(['oral', 'phone', 'written']), complexity: z.enum(['ordinary', 'complex']).default('ordinary'),
  verified: z.boolean().default(false),
});
const followUpBody = z.object({ note: z.string().min(1).max(2000), verified: z.boolean().nullable().default(null), closed: z.boolean().default(false) });
const voidBody = z.object({ reason: z.string().min(1).max(500) });
const rubricBody = z.object({ rubricId: z.string().min(1).max(40) });
const recordsQuery = z.object({ from: date.optional(), to: date.optional() });

/**
 * Scoring administration (managers only, on /api/admin): schedule, rubric, leave, complaints and
 * manual entries. Records are only ever added; corrections void earlier records by id.
 */
export function managerAdminRoutes(hub: Hub, scoring: () => Promise<ScoreService>): Router {
  const r = Router();
  const staffExists = (s: string | null) => {
    if (s !== null && !hub.config.staff.some((x) => x.id === s)) throw notFound('UNKNOWN_STAFF', `没有工号 ${s}`, `No staff ${s}`);
  };
  const windowExists = (w: string | null) => {
    if (w !== null && !hub.config.windows.some((x) => x.id === w)) throw notFound('UNKNOWN_WINDOW', `没有窗口 ${w}`, `No window ${w}`);
  };
  const stamp = (req: Request, kind: string) => ({ id: `${kind}-${randomBytes(6).toString('hex')}`, enteredBy: req.staff!.staffId, enteredAt: hub.clockIso() });

  r.get('/api/admin/scoring', async (_req, res) => {
    const svc = await scoring();
    const s = svc.store.settings;
    // Staff and A posts let the manager's forms offer names instead of bare staff numbers.
    const staff = hub.config.staff.map((x) => ({ id: x.id, name: x.name, role: x.role, postA: hub.config.windows.filter((w) => w.postA === x.id).map((w) => w.id) }));
    res.json({ schedule: s.schedule, rubricId: svc.rubric.id, rubrics: RUBRICS, history: s.history, hours: hub.config.hall.hours, today: hub.today(), staff });
  });
  r.put('/api/admin/scoring/schedule', async (req, res) => {
    const body = parse(scheduleBody, req.body);
    for (const sh of body.shifts) {
      staffExists(sh.staffId);
      if (sh.from && sh.to && sh.to < sh.from) throw invalid('BAD_RANGE', `${sh.staffId} 的排班结束日期早于开始日期`, `The shift of ${sh.staffId} ends before it starts`);
    }
    const svc = await scoring();
    await svc.store.setSchedule(body, req.staff!.staffId, hub.clockIso());
    res.json(svc.store.settings.schedule);
  });
  r.put('/api/admin/scoring/rubric', async (req, res) => {
    const { rubricId } = parse(rubricBody, req.body);
    if (!rubricById(rubricId)) throw notFound('UNKNOWN_RUBRIC', `没有考评细则 ${rubricId}`, `No rubric ${rubricId}`);
    const svc = await scoring();
    await svc.store.setRubric(rubricId, req.staff!.staffId, hub.clockIso());
    res.json({ rubricId });
  });

  r.get('/api/admin/scoring/records', async (req, res) => {
    const q = parse(recordsQuery, req.query);
    const svc = await scoring();
    const inRange = (d: string) => (!q.from || d >= q.from) && (!q.to || d <= q.to);
    const active = svc.records();
    res.json({
      leave: active.leave.filter((l) => inRange(l.to) || inRange(l.from)),
      entries: active.entries.filter((e) => inRange(e.date)),
      complaints: active.complaints.filter((c) => inRange(c.date)).map((c) => ({ ...c, ...complaintDeadline(c, hub.today()) })),
      voided: [...active.voided].map(([ref, v]) => ({ ref, ...v })),
    });
  });

  const add = async (rec: ScoringRecord) => {
    const svc = await scoring();
    await svc.store.append(rec);
    return rec;
  };
  r.post('/api/admin/scoring/leave', async (req, res) => {
    const b = parse(leaveBody, req.body);
    staffExists(b.staffId);
    staffExists(b.coverStaffId);
    if (b.to < b.from) throw invalid('BAD_RANGE', '结束日期早于开始日期', 'The leave ends before it starts');
    if (b.coverStaffId === b.staffId) throw invalid('SELF_COVER', '顶岗人不能是请假人本人', 'The cover must be someone else');
    res.status(201).json(await add({ kind: 'leave', ...stamp(req, 'leave'), ...b }));
  });
  r.post('/api/admin/scoring/entries', async (req, res) => {
    const b = parse(entryBody, req.body);
    staffExists(b.staffId);
    windowExists(b.windowId);
    if (b.staffId === null && b.windowId === null) throw invalid('NO_SUBJECT', '请指定工作人员或窗口', 'Name a staffer or a window');
    const svc = await scoring();
    const item = svc.rubric.items.find((i) => i.code === b.item);
    if (!item || item.source !== 'manual' || item.code === 'complaint') {
      throw invalid('UNKNOWN_ITEM', `考评细则中没有可录入的项目 ${b.item}`, `The rubric has no manual item ${b.item}`);
    }
    res.status(201).json(await add({ kind: 'score', ...stamp(req, 'entry'), ...b }));
  });
  r.post('/api/admin/scoring/complaints', async (req, res) => {
    const b = parse(complaintBody, req.body);
    staffExists(b.staffId);
    windowExists(b.windowId);
    const svc = await scoring();
    const dueDate = complaintDue(svc.store.settings.schedule, b.date, b.complexity);
    res.status(201).json(await add({ kind: 'complaint', ...stamp(req, 'complaint'), ...b, dueDate }));
  });
  r.post('/api/admin/scoring/complaints/:id/follow-ups', async (req, res) => {
    const b = parse(followUpBody, req.body);
    const svc = await scoring();
    const ref = String(req.params.id);
    if (!svc.records().complaints.some((c) => c.id === ref)) throw notFound('UNKNOWN_RECORD', `没有投诉 ${ref}`, `No complaint ${ref}`);
    res.status(201).json(await add({ kind: 'follow-up', ...stamp(req, 'follow'), ref, ...b }));
  });
  r.post('/api/admin/scoring/records/:id/void', async (req, res) => {
    const b = parse(voidBody, req.body);
    const svc = await scoring();
    const ref = String(req.params.id);
    const target = svc.store.records.find((x) => x.id === ref);
    if (!target) throw notFound('UNKNOWN_RECORD', `没有记录 ${ref}`, `No record ${ref}`);
    if (target.kind === 'void' || svc.records().voided.has(ref)) throw new DomainError('conflict', 'ALREADY_VOID', '该记录已作废', 'That record is already void');
    res.status(201).json(await add({ kind: 'void', ...stamp(req, 'void'), ref, reason: b.reason }));
  });
  return r;
}
