import type { Rubric } from './rubrics.ts';
import type { Text } from './types.ts';

const t = (zh: string, en: string): Text => ({ zh, en });

/**
 * 德能勤绩廉, 20 points each: the 工作人员考核细则 of seed 004:166-206, item by item. Additions of the
 * product, marked below: a verified complaint (RULES §7, −5 under 德), the satisfaction rate
 * deducting from 绩 (the hall's ratings have no other place here), `window-uncovered` (RULES §1)
 * and `complaint-overdue` (0 points). The bonus part allows 30, the seed's largest honour.
 */
export const virtuesRubric: Rubric = {
  id: 'virtues',
  label: t('德能勤绩廉考核（各 20 分）', 'Virtue, ability, diligence, results, integrity (20 each)'),
  parts: [
    { id: 'de', label: t('德', 'Virtue'), base: 20, max: 20 },
    { id: 'neng', label: t('能', 'Ability'), base: 20, max: 20 },
    { id: 'qin', label: t('勤', 'Diligence'), base: 20, max: 20 },
    { id: 'ji', label: t('绩', 'Results'), base: 20, max: 20 },
    { id: 'lian', label: t('廉', 'Integrity'), base: 20, max: 20 },
    { id: 'bonus', label: t('加分', 'Bonus'), base: 0, max: 30 },
  ],
  items: [
    // 一、德
    { code: 'study-absent', label: t('无故不参加学习', 'Missed study without cause'), part: 'de', points: -2, source: 'manual', category: 'inspection' },
    { code: 'study-late', label: t('学习迟到、早退', 'Late for or left study early'), part: 'de', points: -1, source: 'manual', category: 'inspection' },
    { code: 'attitude', label: t('与服务对象发生争执（属本人过错）', 'Quarrel with a visitor (own fault)'), part: 'de', points: -5, source: 'manual', category: 'inspection' },
    { code: 'forbidden-words', label: t('使用禁止用语', 'Forbidden words'), part: 'de', points: -1, source: 'manual', category: 'inspection' },
    { code: 'appearance', label: t('未佩证上岗，穿汗背心、短裤、拖鞋', 'No badge, vest, shorts or slippers at work'), part: 'de', points: -1, source: 'manual', category: 'inspection' },
    { code: 'online-misconduct', label: t('上班玩电脑游戏、网络游戏、网上聊天', 'Games or online chat at work'), part: 'de', points: -5, source: 'manual', category: 'inspection' },
    { code: 'complaint', label: t('投诉经查实', 'Verified complaint'), part: 'de', points: -5, source: 'manual', category: 'complaint', disqualifies: true },
    { code: 'complaint-overdue', label: t('投诉逾期未答复', 'Complaint answered late'), part: 'de', points: 0, source: 'derived' },
    // 二、能
    { code: 'unfamiliar', label: t('对办理事项内容、程序、规定不熟悉', 'Unfamiliar with the procedure'), part: 'neng', points: -3, source: 'manual', category: 'inspection' },
    { code: 'wrong-answer', label: t('解答错误造成投诉', 'Wrong answer causing a complaint'), part: 'neng', points: -3, source: 'manual', category: 'inspection' },
    { code: 'computer-error', label: t('操作电脑不熟练出现错误', 'Error from unskilled computer use'), part: 'neng', points: -3, source: 'manual', category: 'inspection' },
    { code: 'late-reports', label: t('未及时完成交办的报表、小结', 'Reports or summaries not done in time'), part: 'neng', points: -3, source: 'manual', category: 'inspection' },
    { code: 'records-lost', label: t('资料丢失损坏（每件）', 'Records lost or damaged (each)'), part: 'neng', points: -3, source: 'manual', category: 'inspection' },
    // 三、勤: attendance derived from sign-ins and the leave register.
    { code: 'late', label: t('上班迟到', 'Late'), part: 'qin', points: -2, source: 'derived' },
    { code: 'early-leave', label: t('早退', 'Left early'), part: 'qin', points: -2, source: 'derived' },
    { code: 'leave-uncovered', label: t('不按规定程序请假（未安排顶岗）', 'Leave not arranged as required (no cover)'), part: 'qin', points: -5, source: 'derived' },
    { code: 'leave-covered', label: t('请假有人顶岗', 'Leave with cover'), part: 'qin', points: 0, source: 'derived' },
    { code: 'absent-uncovered', label: t('旷工半天', 'Absent half a day'), part: 'qin', points: -5, source: 'derived' },
    { code: 'meeting-late', label: t('工作例会迟到、早退', 'Late for or left a staff meeting early'), part: 'qin', points: -1, source: 'manual', category: 'inspection' },
    { code: 'private-guests', label: t('在窗口内接待与工作无关的客人', 'Private visitors inside the window'), part: 'qin', points: -1, source: 'manual', category: 'inspection' },
    { code: 'leave-post', label: t('工作期间做私人事情（离岗）', 'Away on private business'), part: 'qin', points: -2, source: 'derived' },
    { code: 'hygiene', label: t('随地吐痰、不按规定值日', 'Spitting or duty day missed'), part: 'qin', points: -1, source: 'manual', category: 'inspection' },
    { code: 'appliances', label: t('未及时关闭空调、电脑等电器', 'Appliances left on'), part: 'qin', points: -1, source: 'manual', category: 'inspection' },
    { code: 'window-uncovered', label: t('窗口空岗（AB岗未补位）', 'Window left empty (no cover)'), part: 'qin', points: -1, source: 'derived' },
    // 四、绩
    { code: 'fees', label: t('不严格执行收费标准', 'Fee rules not kept'), part: 'ji', points: -10, source: 'manual', category: 'inspection' },
    { code: 'overdue', label: t('超过承诺时限（每件）', 'Over the promised time (each)'), part: 'ji', points: -10, source: 'manual', category: 'inspection' },
    { code: 'satisfaction', label: t('满意率', 'Satisfaction rate'), part: 'ji', points: 0, source: 'derived' },
    // 五、廉
    { code: 'integrity', label: t('吃、拿、卡、要（查实一次）', 'Corruption (each case found)'), part: 'lian', points: -10, source: 'manual', category: 'inspection', disqualifies: true },
    // 六、加分
    { code: 'praise', label: t('受新闻媒体和上级通报表扬（区3/市及以上5）', 'Praised by media or superiors (district 3, city and above 5)'), part: 'bonus', points: 3, source: 'manual', category: 'praise', range: [3, 5] },
    { code: 'honour', label: t('授予先进个人称号（区5/市10/省15/国家30）', 'Title of merit (district 5, city 10, province 15, nation 30)'), part: 'bonus', points: 5, source: 'manual', category: 'bonus', range: [5, 30] },
    { code: 'suggestion', label: t('合理化建议被采纳并见效（1–5）', 'Suggestion adopted with effect (1–5)'), part: 'bonus', points: 1, source: 'manual', category: 'bonus', range: [1, 5] },
    { code: 'other-merit', label: t('其他重大先进影响（视情）', 'Other outstanding deed (as judged)'), part: 'bonus', points: 1, source: 'manual', category: 'bonus', range: [1, 30] },
    { code: 'disqualified', label: t('取消评先评优资格', 'Disqualified from awards'), part: 'bonus', points: 0, source: 'manual', category: 'disqualification', disqualifies: true },
  ],
  satisfaction: {
    part: 'ji',
    table: [
      { minPct: 100, points: 0 },
      { minPct: 90, points: -1 },
      { minPct: 80, points: -3 },
      { minPct: 0, points: -5 },
    ],
  },
};
