/** Chinese first, English on request; the choice is kept per device. */
import { en, zh } from './strings.ts';

export type Lang = 'zh' | 'en';
const LANG_KEY = 'hallhub.lang';

function initialLang(): Lang {
  const fromUrl = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('lang') : null;
  if (fromUrl === 'en' || fromUrl === 'zh') return fromUrl;
  try {
    const stored = localStorage.getItem(LANG_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    /* no storage: Chinese */
  }
  return 'zh';
}

let lang: Lang = initialLang();

export function getLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  if (next === lang) return;
  lang = next;
  try {
    localStorage.setItem(LANG_KEY, next);
  } catch {
    /* not persisted */
  }
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  window.dispatchEvent(new CustomEvent('lang-changed', { detail: next }));
}

export type StringKey = keyof typeof zh;

/** `t('waiting', { n: 3 })` fills `{n}` in the current language's text. */
export function t(key: StringKey, params: Record<string, string | number> = {}): string {
  const table: Record<string, string> = lang === 'en' ? en : zh;
  const text = table[key] ?? zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? ''));
}

/** A name in the current language when the hall gives one. */
export function localName(item: { name: string; nameEn?: string | null }): string {
  return lang === 'en' && item.nameEn ? item.nameEn : item.name;
}

/** "14:05" in the hall's time zone. */
export function clockTime(iso: string | null | undefined, timeZone = 'Asia/Shanghai'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone });
}

if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
