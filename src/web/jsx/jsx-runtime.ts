/**
 * The views' JSX runtime: each element becomes escaped HTML the moment it is created, so rendering a page is string
 * concatenation. Hono's renderer, whose element and attribute types the views keep, builds a tree that is walked later
 * through render contexts and React-style metadata hoisting, which cost 1–4 µs per element (a results page has 500);
 * the figures are in docs/search-at-scale.md.
 *
 * What it accepts is what the views use: intrinsic elements, function components (synchronous: a view gets its data
 * before it renders), fragments, `raw()`/`html` strings from `hono/html` (already escaped), and
 * `dangerouslySetInnerHTML` for the one JSON-LD script. Text and attribute values are always escaped.
 */
import type { HtmlEscapedString } from 'hono/utils/html';

export type { JSX } from 'hono/jsx/jsx-runtime';

type Props = { readonly [key: string]: unknown; children?: unknown };
type Component = (props: Props) => unknown;

/** Elements without content or end tag, written `<br/>` as Hono writes them. */
const voidTags = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Attributes whose presence is the value: `true` writes `name=""`, `false` leaves them out. */
const booleanAttributes = new Set([
  'allowfullscreen', 'async', 'autofocus', 'autoplay', 'checked', 'controls', 'default', 'defer', 'disabled', 'download',
  'formnovalidate', 'hidden', 'inert', 'ismap', 'itemscope', 'loop', 'multiple', 'muted', 'nomodule', 'novalidate', 'open',
  'playsinline', 'readonly', 'required', 'reversed', 'selected',
]);

/** React spellings some markup is written with, and the HTML names they stand for. */
const renamed: ReadonlyMap<string, string> = new Map([
  ['className', 'class'],
  ['htmlFor', 'for'],
  ['crossOrigin', 'crossorigin'],
  ['httpEquiv', 'http-equiv'],
  ['itemProp', 'itemprop'],
  ['fetchPriority', 'fetchpriority'],
  ['noModule', 'nomodule'],
]);

/** Names that could break out of a tag are refused; names are checked once each (they come from the views' code). */
const validName = /^[A-Za-z][A-Za-z0-9_.:-]*$/;
const checkedNames = new Set<string>();
function checkName(name: string, what: string): void {
  if (checkedNames.has(name)) return;
  if (!validName.test(name)) throw new Error(`invalid JSX ${what} name: ${JSON.stringify(name)}`);
  if (checkedNames.size < 4096) checkedNames.add(name);
}

const needsEscape = /[&<>"']/;
const specials = /[&<>"']/g;
const entity = (ch: string): string => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&#39;');

/** Text for content or a quoted attribute value. */
export const escapeText = (text: string): string => (needsEscape.test(text) ? text.replace(specials, entity) : text);

/** Markup that is already safe: what every element and component yields, and what `raw()` from `hono/html` makes. */
export function trusted(html: string): HtmlEscapedString {
  const s = new String(html) as HtmlEscapedString;
  s.isEscaped = true;
  return s;
}

const isTrusted = (v: unknown): v is HtmlEscapedString => v instanceof String && (v as HtmlEscapedString).isEscaped === true;

/** Children as HTML: text escaped, trusted markup as is, nothing for null, undefined and booleans, lists flattened. */
function childrenHtml(child: unknown): string {
  if (typeof child === 'string') return escapeText(child);
  if (child === null || child === undefined || typeof child === 'boolean') return '';
  if (typeof child === 'number') return String(child);
  if (isTrusted(child)) return String(child);
  if (Array.isArray(child)) {
    let out = '';
    for (const c of child) out += childrenHtml(c);
    return out;
  }
  if (child instanceof Promise) throw new Error('a view rendered a promise: components are synchronous, load data before rendering');
  return escapeText(String(child));
}

function attributeHtml(tag: string, key: string, value: unknown): string {
  if (value === null || value === undefined || key === 'key' || key === 'ref') return '';
  const name = renamed.get(key) ?? key;
  checkName(name, 'attribute');
  if (typeof value === 'boolean' && booleanAttributes.has(name)) return value ? ` ${name}=""` : '';
  if (typeof value === 'function') {
    if (name.startsWith('on')) return '';
    throw new Error(`invalid prop '${name}' of type 'function' on <${tag}>`);
  }
  if (typeof value === 'string') return ` ${name}="${escapeText(value)}"`;
  if (typeof value === 'number' || isTrusted(value)) return ` ${name}="${String(value)}"`;
  if (typeof value === 'object' && name === 'style') throw new Error('style objects are not supported: the CSP allows no inline styles');
  return ` ${name}="${escapeText(String(value))}"`;
}

function elementHtml(tag: string, props: Props): string {
  checkName(tag, 'tag');
  let open = `<${tag}`;
  let inner: string | null = null;
  for (const key in props) {
    if (key === 'children') continue;
    const value = props[key];
    if (key === 'dangerouslySetInnerHTML') {
      const html = (value as { __html?: unknown } | null | undefined)?.__html;
      if (typeof html !== 'string') throw new Error('dangerouslySetInnerHTML needs { __html: string }');
      inner = html;
      continue;
    }
    open += attributeHtml(tag, key, value);
  }
  const children = props.children;
  if (inner !== null && children !== undefined) throw new Error('an element takes children or dangerouslySetInnerHTML, not both');
  if (inner === null && voidTags.has(tag) && (children === undefined || (Array.isArray(children) && children.length === 0))) return `${open}/>`;
  return `${open}>${inner ?? childrenHtml(children)}</${tag}>`;
}

/** `<>…</>`: its children, side by side. */
export function Fragment(props: { children?: unknown }): HtmlEscapedString {
  return trusted(childrenHtml(props.children));
}

/** What the compiler calls for every element: the element's HTML, escaped, at once. */
export function jsx(tag: string | Component, props: Props): HtmlEscapedString {
  if (typeof tag === 'function') {
    const out = tag(props);
    return isTrusted(out) ? out : trusted(childrenHtml(out));
  }
  return trusted(elementHtml(tag, props));
}

export { jsx as jsxs };
