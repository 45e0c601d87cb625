/**
 * Few error kinds with stable codes; the hub maps each kind to its HTTP status in one place.
 * Messages come in Chinese and English so the hub can answer per Accept-Language.
 */
export type ErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'too-large' | 'throttled' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, zh: string, en: string) => new DomainError('invalid', code, zh, en);
export const notFound = (code: string, zh: string, en: string) => new DomainError('not-found', code, zh, en);
export const conflict = (code: string, zh: string, en: string) => new DomainError('conflict', code, zh, en);
