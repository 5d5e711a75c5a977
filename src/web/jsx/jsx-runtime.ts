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

/**
 * Markup kept encoded: where a piece starts in the fragment's text (UTF-16 units), how long it is there, and its
 * UTF-8 bytes. Parts rendered once and shown on many pages (result cards, option lists, the shell) carry their bytes,
 * so a page is encoded only where it differs: UTF-8 encoding costs more per byte than building the text.
 */
type Piece = { readonly at: number; readonly length: number; readonly bytes: Uint8Array };
type Html = HtmlEscapedString & { pieces?: readonly Piece[] };

/** Markup that is already safe: what every element and component yields, and what `raw()` from `hono/html` makes. */
export function trusted(html: string, pieces?: readonly Piece[]): HtmlEscapedString {
  const s = new String(html) as Html;
  s.isEscaped = true;
  if (pieces !== undefined && pieces.length > 0) s.pieces = pieces;
  return s;
}

const isTrusted = (v: unknown): v is Html => v instanceof String && (v as HtmlEscapedString).isEscaped === true;

const utf8 = new TextEncoder();

/** Safe markup with its bytes, for a part that is kept and shown again: pages that hold it copy the bytes. */
export function encoded(html: HtmlEscapedString | string): HtmlEscapedString {
  const text = String(html);
  return trusted(text, [{ at: 0, length: text.length, bytes: utf8.encode(text) }]);
}

/** The UTF-8 bytes of markup: its kept pieces copied, the rest encoded. */
export function htmlBytes(html: HtmlEscapedString | string): Uint8Array<ArrayBuffer> {
  const text = String(html);
  const pieces = isTrusted(html) ? html.pieces : undefined;
  if (pieces === undefined) return utf8.encode(text);
  const parts: Uint8Array[] = [];
  let size = 0;
  let from = 0;
  const add = (bytes: Uint8Array): void => {
    parts.push(bytes);
    size += bytes.length;
  };
  for (const p of pieces) {
    if (p.at > from) add(utf8.encode(text.slice(from, p.at)));
    add(p.bytes);
    from = p.at + p.length;
  }
  if (from < text.length) add(utf8.encode(text.slice(from)));
  const out = new Uint8Array(size);
  let at = 0;
  for (const b of parts) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/**
 * Children as HTML: text escaped, trusted markup as is, nothing for null, undefined and booleans, lists flattened.
 * `at` is where this text will start in the element being built; kept pieces are collected into `sink` from there.
 */
function childrenHtml(child: unknown, at: number, sink: Piece[]): string {
  if (typeof child === 'string') return escapeText(child);
  if (child === null || child === undefined || typeof child === 'boolean') return '';
  if (typeof child === 'number') return String(child);
  if (isTrusted(child)) {
    const pieces = child.pieces;
    if (pieces !== undefined) for (const p of pieces) sink.push(at === 0 ? p : { at: at + p.at, length: p.length, bytes: p.bytes });
    return String(child);
  }
  if (Array.isArray(child)) {
    let out = '';
    for (const c of child) out += childrenHtml(c, at + out.length, sink);
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

function elementHtml(tag: string, props: Props): HtmlEscapedString {
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
  if (inner === null && voidTags.has(tag) && (children === undefined || (Array.isArray(children) && children.length === 0))) return trusted(`${open}/>`);
  open += '>';
  if (inner !== null) return trusted(`${open}${inner}</${tag}>`);
  const sink: Piece[] = [];
  return trusted(`${open}${childrenHtml(children, open.length, sink)}</${tag}>`, sink);
}

/** `<>…</>`: its children, side by side. */
export function Fragment(props: { children?: unknown }): HtmlEscapedString {
  const sink: Piece[] = [];
  return trusted(childrenHtml(props.children, 0, sink), sink);
}

/** What the compiler calls for every element: the element's HTML, escaped, at once. */
export function jsx(tag: string | Component, props: Props): HtmlEscapedString {
  if (typeof tag !== 'function') return elementHtml(tag, props);
  const out = tag(props);
  if (isTrusted(out)) return out;
  const sink: Piece[] = [];
  return trusted(childrenHtml(out, 0, sink), sink);
}

export { jsx as jsxs };
