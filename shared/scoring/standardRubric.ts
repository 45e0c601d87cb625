import type { Rubric } from './rubrics.ts';
import type { Text } from './types.ts';

const t = (zh: string, en: string): Text => ({ zh, en });

/**
 * RULES §6: the township centre's 考评细则 (seed 004:566-604), item by item, in the seed's order.
 * Derived items are computed from the queue's events and the leave register; manual items are
 * entered by a manager. Two additions of the product are marked: `window-uncovered` (RULES §1,
 * a window must never stand empty; charged to the window only) and `complaint-overdue` (RULES §7,
 * 0 points: it makes a late answer visible on the day's card).
 */
export const standardRubric: Rubric = {
  id: 'standard',
  label: t('窗口工作人员考评细则（百分制）', 'Window staff rubric (100 points)'),
  parts: [
    { id: 'discipline', label: t('工作纪律', 'Discipline'), base: 30, max: 30 },
    { id: 'quality', label: t('服务质量', 'Service quality'), base: 20, max: 20 },
    // The seed splits business into 办件管理 20 and 网上办理 20; the contract reports one part of 40.
    { id: 'business', label: t('业务管理', 'Business'), base: 40, max: 40 },
    { id: 'evaluation', label: t('服务对象评议', 'Visitor evaluation'), base: 0, max: 10 },
    { id: 'bonus', label: t('加分', 'Bonus'), base: 0, max: 10 },
  ],
  items: [
    // (1) 工作纪律 ① ⑦: derived from sign-ins, pauses and leave.
    { code: 'late', label: t('迟到', 'Late'), part: 'discipline', points: -1, source: 'derived' },
    { code: 'early-leave', label: t('早退', 'Left early'), part: 'discipline', points: -1, source: 'derived' },
    { code: 'leave-post', label: t('上班时间无故离岗', 'Left the post without cause'), part: 'discipline', points: -1, source: 'derived' },
    { code: 'absent-uncovered', label: t('缺勤（半天）', 'Absent (half a day)'), part: 'discipline', points: -2, source: 'derived' },
    { code: 'leave-covered', label: t('请假有人顶岗', 'Leave with cover'), part: 'discipline', points: 0, source: 'derived' },
    { code: 'leave-uncovered', label: t('请假无人顶岗（每天）', 'Leave without cover (a day)'), part: 'discipline', points: -2, source: 'derived' },
    { code: 'window-uncovered', label: t('窗口空岗（AB岗未补位）', 'Window left empty (no cover)'), part: 'discipline', points: -1, source: 'derived' },
    // ② – ⑥: found by inspection.
    { code: 'online-misconduct', label: t('上班炒股、聊天、看电影、玩游戏、网购、打瞌睡等', 'Stocks, chat, films, games, shopping or dozing at work'), part: 'discipline', points: -2, source: 'manual', category: 'inspection' },
    { code: 'appearance', label: t('未佩证、未摆桌牌、吃东西、串岗聊天、带小孩上班', 'No badge or desk sign, eating, chatting, children at work'), part: 'discipline', points: -1, source: 'manual', category: 'inspection' },
    { code: 'untidy', label: t('办公环境脏乱，经指出未纠正', 'Untidy desk, not put right when told'), part: 'discipline', points: -1, source: 'manual', category: 'inspection' },
    { code: 'power-off', label: t('下班未关电脑、打印机或未整理（每件）', 'Equipment left on or desk not tidied after work (each)'), part: 'discipline', points: -1, source: 'manual', category: 'inspection' },
    { code: 'missed-training', label: t('无故缺席学习培训', 'Missed training without cause'), part: 'discipline', points: -1, source: 'manual', category: 'inspection' },
    // (2) 服务质量.
    { code: 'attitude', label: t('服务态度不好或与服务对象争吵', 'Bad attitude or quarrel'), part: 'quality', points: -5, source: 'manual', category: 'inspection' },
    { code: 'complaint', label: t('投诉经查实', 'Verified complaint'), part: 'quality', points: -5, source: 'manual', category: 'complaint', disqualifies: true },
    { code: 'complaint-overdue', label: t('投诉逾期未答复', 'Complaint answered late'), part: 'quality', points: 0, source: 'derived' },
    { code: 'online-reply', label: t('网上咨询不回复、不按时或不明确答复', 'Online inquiry unanswered, late or unclear'), part: 'quality', points: -2, source: 'manual', category: 'inspection' },
    { code: 'exposed', label: t('被媒体曝光或明察暗访发现违规', 'Exposed by media or undercover inspection'), part: 'quality', points: -20, source: 'manual', category: 'inspection', disqualifies: true },
    { code: 'praise', label: t('服务对象书面表扬', 'Written praise from a visitor'), part: 'quality', points: 5, source: 'manual', category: 'praise' },
    // (3) 业务管理 ① 办件管理. Promised-time items are 承诺件 the queue does not track: manual.
    { code: 'not-received', label: t('可收件而未收件（每件）', 'Application refused that could be taken (each)'), part: 'business', points: -2, source: 'manual', category: 'inspection' },
    { code: 'fake-completion', label: t('未办结却弄虚作假点击办结（每件）', 'Marked done when not done (each)'), part: 'business', points: -2, source: 'manual', category: 'inspection' },
    { code: 'extra-requirements', label: t('擅自增加办事环节、申报材料（每件）', 'Steps or papers added without authority (each)'), part: 'business', points: -2, source: 'manual', category: 'inspection' },
    { code: 'return-handling', label: t('退件、补件未按规定操作（每件）', 'Returns or resubmissions mishandled (each)'), part: 'business', points: -2, source: 'manual', category: 'inspection' },
    { code: 'repeat-trip', label: t('未一次性告知致两次以上往返跑（每件）', 'Repeat trips: no one-time notice (each)'), part: 'business', points: -3, source: 'manual', category: 'inspection' },
    { code: 'joint-case', label: t('联办件推诿、超时（每超1天）或联审会缺席', 'Joint case shirked, late (a day) or review missed'), part: 'business', points: -2, source: 'manual', category: 'inspection' },
    { code: 'joint-review-rule', label: t('违反联审会有关规定', 'Joint review rules broken'), part: 'business', points: -1, source: 'manual', category: 'inspection' },
    { code: 'overdue', label: t('办件超承诺时限（每件每超1天）', 'Item over its promised time (each, a day)'), part: 'business', points: -2, source: 'manual', category: 'inspection' },
    { code: 'unrecorded', label: t('办件后未及时登记（每件）', 'Item not recorded in time (each)'), part: 'business', points: -2, source: 'manual', category: 'inspection' },
    // (3) ② 网上办理.
    { code: 'banned-software', label: t('使用禁用或与工作无关的软件', 'Banned or unrelated software used'), part: 'business', points: -2, source: 'manual', category: 'inspection' },
    { code: 'network-misuse', label: t('未正确切换内外网、随意拔插网线', 'Networks mixed or cables swapped at will'), part: 'business', points: -2, source: 'manual', category: 'inspection' },
    { code: 'network-fault', label: t('违规操作致网络故障影响其他窗口', 'Network fault caused, other windows affected'), part: 'business', points: -2, source: 'manual', category: 'inspection' },
    // (4) 服务对象评议: from the ratings, by the table below.
    { code: 'satisfaction', label: t('满意率', 'Satisfaction rate'), part: 'evaluation', points: 0, source: 'derived' },
    // (5) 加分项目.
    { code: 'special-help', label: t('特事特办排忧解难', 'Special help'), part: 'bonus', points: 2, source: 'manual', category: 'bonus' },
    { code: 'activity-honour', label: t('积极参加活动为中心争得荣誉', 'Honour won for the centre'), part: 'bonus', points: 2, source: 'manual', category: 'bonus' },
    { code: 'honour', label: t('受媒体或有关部门表扬（县2/市3/省5）', 'Praised by media or authorities (county 2, city 3, province 5)'), part: 'bonus', points: 2, source: 'manual', category: 'bonus', range: [2, 5] },
    // (6) 取消评先评优资格: ① a verified complaint and the exposure above disqualify by themselves.
    { code: 'criticised', label: t('被效能监察部门通报批评', 'Publicly criticised by the efficiency inspectors'), part: 'bonus', points: 0, source: 'manual', category: 'disqualification', disqualifies: true },
    { code: 'integrity', label: t('吃、拿、卡、要等不廉洁行为', 'Corruption (asking for favours or gifts)'), part: 'bonus', points: 0, source: 'manual', category: 'disqualification', disqualifies: true },
    { code: 'disqualified', label: t('其他较严重违纪违规', 'Other serious breach'), part: 'bonus', points: 0, source: 'manual', category: 'disqualification', disqualifies: true },
  ],
  satisfaction: {
    part: 'evaluation',
    table: [
      { minPct: 100, points: 10 },
      { minPct: 90, points: 9 },
      { minPct: 80, points: 7 },
      { minPct: 0, points: 5 },
    ],
  },
};
