/**
 * What the display says for a call, as text and as the clips that speak it. Number only, never a
 * name (hall rule: 请 A001 号 到 3 号窗口 办理).
 */
export function callText(number: string, windowNumber: number): string {
  return `请 ${number} 号 到 ${windowNumber} 号窗口 办理`;
}

/** A ticket number is read character by character: A 零 零 一. */
function numberClips(number: string): string[] {
  return [...number.toUpperCase()].filter((c) => /[0-9A-Z]/.test(c));
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
