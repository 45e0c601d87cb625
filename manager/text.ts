import { getLang } from '../ui/i18n.ts';

/** The manager app's texts, Chinese first. */
const zh = {
  appTitle: '便民服务中心 · 管理',
  logout: '退出',
  loading: '加载中…',
  staffId: '工号',
  pin: '密码（PIN）',
  login: '登录',
  notManager: '该工号不是管理员，无权进入管理端。',
} as const;

const en: Record<keyof typeof zh, string> = {
  appTitle: 'Service hall · Management',
  logout: 'Log out',
  loading: 'Loading…',
  staffId: 'Staff number',
  pin: 'PIN',
  login: 'Log in',
  notManager: 'This staff number is not a manager and cannot use the management app.',
};

export type TextKey = keyof typeof zh;

export function tr(key: TextKey): string {
  return getLang() === 'en' ? en[key] : zh[key];
}

/** Inline pair for texts used in one place only: Chinese first, English on request. */
export function L(zh: string, en: string): string {
  return getLang() === 'en' ? en : zh;
}

/** English count with its noun: "1 business day", "3 business days" (Chinese needs no plural). */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
