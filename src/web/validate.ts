/** Validates request input with zod schemas, turning failures into one clear 400 AppError listing each bad field. */
import type { z } from 'zod';
import { AppError } from '../core/errors.ts';

export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new AppError(
    'validation_failed',
    'Some of the values sent are not valid.',
    r.error.issues.map((i) => ({ field: i.path.join('.') || '(input)', message: i.message })),
  );
}
