/** The development entry of the views' JSX runtime (what test runners compile to): the same eager renderer. */
import { jsx } from './jsx-runtime.ts';

export { Fragment, type JSX } from './jsx-runtime.ts';

export const jsxDEV = (tag: Parameters<typeof jsx>[0], props: Parameters<typeof jsx>[1]): ReturnType<typeof jsx> => jsx(tag, props);
