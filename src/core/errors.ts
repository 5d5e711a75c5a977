/**
 * The one error class of the application: a stable machine-readable code (mapped to an HTTP status) and a message key
 * of the catalogs (src/i18n/messages), so every answer is rendered in the reader's language.
 */

export const errorCodes = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export type FieldIssue = { field: string; message: string };

export type MessageValues = Record<string, string | number>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** The catalog key of the explanation; `message` holds the same key, so logs stay language-neutral. */
  readonly key: string;
  readonly values: MessageValues;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, key: string = `error.${code}.message`, values: MessageValues = {}, issues: FieldIssue[] = []) {
    super(key);
    this.name = 'AppError';
    this.code = code;
    this.status = errorCodes[code];
    this.key = key;
    this.values = values;
    this.issues = issues;
  }
}

export const notFound = (): AppError => new AppError('not_found');
