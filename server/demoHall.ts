import type { HallConfigInput } from '../shared/config.ts';

/**
 * The demo hall created when the hub starts without QUEUE_CONFIG: a township convenience service
 * centre. Its staff numbers and PINs are printed at start and listed in the README.
 */
export const demoHall: HallConfigInput = {
  hall: {
    name: '示例镇便民服务中心',
    timezone: 'Asia/Shanghai',
    hours: [['08:00', '12:00'], ['14:30', '17:30']],
    notice: '请按号就座，留意叫号；办理业务请携带有效身份证件。Please wait for your number to be called.',
    address: '示例镇人民路 1 号便民服务中心一楼大厅',
  },
  services: [
    { id: 'A', name: '社保医保', nameEn: 'Social & medical insurance', prefix: 'A', targetWaitMin: 15, targetServiceMin: 8,
      materials: ['居民身份证原件', '社会保障卡', '户口簿（首次参保）'], guide: '城乡居民养老保险、医疗保险参保登记、缴费、待遇领取资格认证。', matters: ['参保缴费', '医保报销', '资格认证'],
      appointments: { slotMin: 30, perSlot: 4, daysAhead: 7, earlyMin: 30, lateMin: 15 } },
    { id: 'B', name: '民政救助', nameEn: 'Civil affairs & relief', prefix: 'B', targetWaitMin: 20, targetServiceMin: 12,
      materials: ['居民身份证原件', '户口簿', '家庭收入证明', '银行卡复印件'], guide: '低保、特困供养、临时救助、高龄津贴申请。', matters: ['高龄津贴', '低保', '临时救助'] },
    { id: 'C', name: '户籍证明', nameEn: 'Household registration', prefix: 'C', targetWaitMin: 15, targetServiceMin: 6,
      materials: ['居民身份证原件', '户口簿'], guide: '户籍证明、居住证明、出生登记咨询。', matters: ['户籍证明', '居住证明', '出生登记'] },
    { id: 'D', name: '不动产登记', nameEn: 'Real estate', prefix: 'D', targetWaitMin: 30, targetServiceMin: 20, dailyCap: 80, issueUntil: '16:30',
      materials: ['居民身份证原件', '不动产权证书', '买卖合同', '完税证明'], guide: '不动产登记受理、查询与证书领取。', matters: ['不动产登记', '产权查询', '领证'],
      appointments: { slotMin: 60, perSlot: 3, daysAhead: 14, earlyMin: 30, lateMin: 15 } },
    { id: 'E', name: '综合咨询', nameEn: 'General enquiries', prefix: 'E', targetWaitMin: 10, targetServiceMin: 5, materials: [], guide: '政策咨询、材料预审、帮办代办。', matters: ['政策咨询', '材料预审', '帮办代办'] },
  ],
  windows: [
    { id: 'W1', number: 1, name: '社保医保窗口', serviceIds: ['A', 'E'], postA: 'S01', postB: 'S02' },
    { id: 'W2', number: 2, name: '社保医保窗口', serviceIds: ['A', 'C'], postA: 'S02', postB: 'S01' },
    { id: 'W3', number: 3, name: '民政救助窗口', serviceIds: ['B', 'E'], postA: 'S03', postB: 'S04' },
    { id: 'W4', number: 4, name: '户籍证明窗口', serviceIds: ['C', 'B'], postA: 'S04', postB: 'S03' },
    { id: 'W5', number: 5, name: '不动产登记窗口', serviceIds: ['D'], postA: 'S05', postB: 'S06' },
    { id: 'W6', number: 6, name: '综合受理窗口', serviceIds: ['E', 'A', 'B', 'C'], postA: 'S06', postB: 'S05' },
  ],
  kiosks: [{ id: 'K1', name: '大厅取号机' }],
  staff: [
    { id: 'S01', name: '张敏', pin: '100001', role: 'staff' },
    { id: 'S02', name: '李强', pin: '100002', role: 'staff' },
    { id: 'S03', name: '王芳', pin: '100003', role: 'staff' },
    { id: 'S04', name: '刘洋', pin: '100004', role: 'staff' },
    { id: 'S05', name: '陈静', pin: '100005', role: 'staff' },
    { id: 'S06', name: '杨帆', pin: '100006', role: 'staff' },
    { id: 'S07', name: '赵磊', pin: '100007', role: 'staff' },
    { id: 'M01', name: '周主任', pin: '900001', role: 'manager' },
    { id: 'L01', name: '孙悦', pin: '300001', role: 'lobby' },
  ],
};
