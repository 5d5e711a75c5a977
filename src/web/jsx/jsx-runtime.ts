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
import { escapeHtml } from '../escape-html.ts';

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

/**
 * Markup kept encoded. Parts rendered once and shown on many pages (result cards, option lists, the shell) carry their
 * UTF-8 bytes, so a page is encoded only where it differs: here UTF-8 encoding costs more per byte than building the
 * text. Markup that holds such parts lists, in order, its text between them and their bytes; reading the page's text
 * in full is never needed to write it.
 */
type Part = string | Uint8Array;
type Html = HtmlEscapedString & { parts?: readonly Part[] };

/** Markup that is already safe: what every element and component yields, and what `raw()` from `hono/html` makes. */
export function trusted(html: string, parts?: readonly Part[] | null): HtmlEscapedString {
  const s = new String(html) as Html;
  s.isEscaped = true;
  if (parts) s.parts = parts;
  return s;
}

const isTrusted = (v: unknown): v is Html => v instanceof String && (v as HtmlEscapedString).isEscaped === true;

const utf8 = new TextEncoder();

/** Safe markup with its bytes, for a part that is kept and shown again: pages that hold it copy the bytes. */
export function encoded(html: HtmlEscapedString | string): HtmlEscapedString {
  const text = String(html);
  return trusted(text, [utf8.encode(text)]);
}

/** The UTF-8 bytes of markup: its kept parts copied, the text between them encoded, into one buffer. */
export function htmlBytes(html: HtmlEscapedString | string): Uint8Array<ArrayBuffer> {
  const parts = isTrusted(html) ? html.parts : undefined;
  if (parts === undefined) return utf8.encode(String(html));
  let size = 0;
  for (const p of parts) size += typeof p === 'string' ? Buffer.byteLength(p) : p.length;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const p of parts) {
    if (typeof p === 'string') at += out.write(p, at);
    else {
      out.set(p, at);
      at += p.length;
    }
  }
  return new Uint8Array(out.buffer, out.byteOffset, at);
}

/** Builds one element's or fragment's markup; lists its parts only once a child brings kept bytes. */
class Builder {
  text = '';
  private parts: Part[] | null = null;

  add(text: string): void {
    this.text += text;
    if (this.parts) this.addPart(text);
  }

  addHtml(html: Html): void {
    const text = String(html);
    const theirs = html.parts;
    if (theirs && !this.parts) this.parts = this.text === '' ? [] : [this.text];
    if (this.parts) {
      if (theirs) for (const p of theirs) this.addPart(p);
      else this.addPart(text);
    }
    this.text += text;
  }

  done(): HtmlEscapedString {
    return trusted(this.text, this.parts);
  }

  private addPart(p: Part): void {
    const parts = this.parts!;
    const last = parts.length - 1;
    if (typeof p === 'string' && last >= 0 && typeof parts[last] === 'string') parts[last] += p;
    else parts.push(p);
  }
}

/** Adds children: text escaped, trusted markup as is, nothing for null, undefined and booleans, lists flattened. */
function addChildren(child: unknown, b: Builder): void {
  if (typeof child === 'string') b.add(escapeHtml(child));
  else if (child === null || child === undefined || typeof child === 'boolean') return;
  else if (typeof child === 'number') b.add(String(child));
  else if (isTrusted(child)) b.addHtml(child);
  else if (Array.isArray(child)) for (const c of child) addChildren(c, b);
  else if (child instanceof Promise) throw new Error('a view rendered a promise: components are synchronous, load data before rendering');
  else b.add(escapeHtml(String(child)));
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
  if (typeof value === 'string') return ` ${name}="${escapeHtml(value)}"`;
  if (typeof value === 'number' || isTrusted(value)) return ` ${name}="${String(value)}"`;
  if (typeof value === 'object' && name === 'style') throw new Error('style objects are not supported: the CSP allows no inline styles');
  return ` ${name}="${escapeHtml(String(value))}"`;
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
  const b = new Builder();
  b.add(open);
  addChildren(children, b);
  b.add(`</${tag}>`);
  return b.done();
}

/** `<>…</>`: its children, side by side. */
export function Fragment(props: { children?: unknown }): HtmlEscapedString {
  const b = new Builder();
  addChildren(props.children, b);
  return b.done();
}

/** What the compiler calls for every element: the element's HTML, escaped, at once. */
export function jsx(tag: string | Component, props: Props): HtmlEscapedString {
  if (typeof tag !== 'function') return elementHtml(tag, props);
  const out = tag(props);
  if (isTrusted(out)) return out;
  const b = new Builder();
  addChildren(out, b);
  return b.done();
}

export { jsx as jsxs };
