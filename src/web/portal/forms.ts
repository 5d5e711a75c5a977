/** Reading portal form posts: one parse per request (multi-valued fields kept), then plain string accessors. */
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';

export type FormBody = Record<string, string | File | (string | File)[]>;

/** The parsed form body; Hono caches it, so the CSRF check and the handler read the same parse. */
export async function formBody(c: Context<AppEnv>): Promise<FormBody> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return {};
  return (await c.req.parseBody({ all: true })) as FormBody;
}

/** The first string value of a field, or '' (validation then says what is missing). */
export function field(body: FormBody, name: string): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}

/** Every string value of a repeated field (checkbox groups). */
export function fields(body: FormBody, name: string): string[] {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}
