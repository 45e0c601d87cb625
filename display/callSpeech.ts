/**
 * What the display says for a call, as text and as the clips that speak it. Number only, never a
 * name (hall rule: 请 A001 号 到 3 号窗口 办理).
 */
export function callText(number: string, windowNumber: number): string {
  return `请 ${number} 号 到 ${windowNumber} 号窗口 办理`;
}

/** A ticket number is read character by character: A 零 零 一, and past 999 A 一 零 零 零. */
function numberClips(number: string): string[] {
  return [...number.toUpperCase()].filter((c) => /[0-9A-Z]/.test(c));
}

const DIGITS = '零一二三四五六七八九';

/**
 * The call as a speech engine should say it: the number spelled digit by digit in Chinese, as the
 * clips say it, so a synthesiser reads A1000 as "A 一 零 零 零" and not as "A 一千".
 */
export function speechText(number: string, windowNumber: number): string {
  const spelled = numberClips(number).map((c) => (/[0-9]/.test(c) ? DIGITS[Number(c)] : c)).join(' ');
  return `请 ${spelled} 号 到 ${windowNumber} 号窗口 办理`;
}

/** A window number is read as a Chinese number: 3 → 三, 12 → 十二, 20 → 二十. */
export function windowClips(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n >= 100) return [...String(n)].filter((c) => /[0-9]/.test(c));
  if (n < 10) return [String(n)];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return [...(tens > 1 ? [String(tens)] : []), 'ten', ...(ones ? [String(ones)] : [])];
}

export function callClips(number: string, windowNumber: number): string[] {
  return ['qing', ...numberClips(number), 'hao', 'dao', ...windowClips(windowNumber), 'hao', 'chuangkou', 'banli'];
}
