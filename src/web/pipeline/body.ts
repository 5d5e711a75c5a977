/** Reads request bodies once per request (forms, multipart, JSON); a body that cannot be read is the client's 400. */
import type { Context } from 'hono';
import { AppError } from '../../core/errors.ts';
import type { AppEnv } from '../context.ts';

/** Largest request body accepted anywhere: forms and JSON calls are small. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A photo upload: the largest image accepted plus room for the form's other fields and multipart framing. */
export const MAX_UPLOAD_BODY_BYTES = 10 * 1024 * 1024 + MAX_BODY_BYTES;

/**
 * Paths that take an image, the only ones allowed the larger body: a request's photo (portal and API), a case reply
 * with its attachment (portal), a case message's attachment (API).
 */
export const isUploadPath = (path: string): boolean =>
  /^(\/[a-z]{2,3})?(\/portal\/requests|\/api\/v1\/notices)\/[0-9a-z]{26}\/photos$/.test(path) ||
  /^(\/[a-z]{2,3})?\/portal\/cases\/[0-9a-z]{26}\/messages$/.test(path) ||
  /^\/api\/v1\/cases\/[0-9a-z]{26}\/messages\/[0-9a-z]{26}\/attachments$/.test(path);

export type FormValue = string | File;
export type FormBody = Record<string, FormValue | FormValue[]>;

const formType = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;
const jsonType = /^application\/(?:[\w.+-]+\+)?json\b/i;

declare module 'hono' {
  interface ContextVariableMap {
    parsedBody: FormBody | unknown;
  }
}

/** The form fields (repeated fields as arrays); any other content type reads as an empty form. */
export async function readForm(c: Context<AppEnv>): Promise<FormBody> {
  const cached = c.get('parsedBody');
  if (cached !== undefined) return cached as FormBody;
  let body: FormBody = {};
  if (formType.test(c.req.header('content-type') ?? '')) {
    try {
      body = (await c.req.parseBody({ all: true })) as FormBody;
    } catch {
      // Malformed multipart boundaries, truncated bodies and bad encodings all land here, whatever the parser threw.
      throw new AppError('bad_request', 'error.detail.body_unreadable');
    }
  }
  c.set('parsedBody', body);
  return body;
}

/** The JSON body; another content type is a 415, unparsable JSON a 400. */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const cached = c.get('parsedBody');
  if (cached !== undefined) return cached;
  if (!jsonType.test(c.req.header('content-type') ?? '')) throw new AppError('unsupported_media_type', 'error.detail.json_expected');
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new AppError('bad_request', 'error.detail.body_unreadable');
  }
  c.set('parsedBody', body);
  return body;
}

/** The first string value of a field, or '' (validation then says what is missing). */
export function field(body: FormBody, name: string): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}
