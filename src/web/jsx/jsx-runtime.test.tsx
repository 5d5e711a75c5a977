/** The views' JSX runtime writes the same HTML as Hono's renderer for what the views use, and escapes everything. */
import { describe, expect, it } from 'vitest';
import { raw } from 'hono/html';
import { Fragment as HonoFragment, jsx as honoJsx } from 'hono/jsx/jsx-runtime';
import { encoded, Fragment, htmlBytes, jsx } from './jsx-runtime.ts';

type Tag = string | ((props: Record<string, unknown>) => unknown);
/** A tree described once, built with either runtime (children as the compiler passes them: one, or a list). */
type Tree = { tag: Tag; props: Record<string, unknown>; children?: (Tree | string | number | null | undefined | boolean)[] };

function build(t: Tree | string | number | null | undefined | boolean, make: typeof jsx, frag: Tag): unknown {
  if (t === null || typeof t !== 'object') return t;
  const kids = (t.children ?? []).map((c) => build(c, make, frag));
  const props = kids.length === 0 ? t.props : { ...t.props, children: kids.length === 1 ? kids[0] : kids };
  const tag = t.tag === 'fragment' ? frag : t.tag === 'hello' ? hello(make) : t.tag;
  return make(tag, props as never);
}

const ours = (t: Tree): string => String(build(t, jsx, Fragment));
const hono = async (t: Tree): Promise<string> => String(await (build(t, honoJsx as unknown as typeof jsx, HonoFragment as Tag) as { toString(): unknown }).toString());

/** A component written against the runtime that renders it, as a view is. */
const hello =
  (make: typeof jsx): Tag =>
  (p) =>
    make('p', { class: 'hello', children: [`Hello ${String(p.name)}`, p.children] as never });

const samples: [string, Tree][] = [
  ['nested elements and text', { tag: 'div', props: { class: 'a' }, children: [{ tag: 'p', props: { id: 'x' }, children: ['one ', 2, ' three'] }, { tag: 'span', props: {} }] }],
  ['escaped text and attributes', { tag: 'a', props: { href: '/q?a=1&b="2"', title: "it's <b>" }, children: ['<script>alert("x")</script> & more'] }],
  ['void elements', { tag: 'div', props: {}, children: [{ tag: 'img', props: { src: '/i.png', alt: '', width: 40, height: 40 } }, { tag: 'br', props: {} }, { tag: 'input', props: { name: 'q', value: 'a"b', required: true, disabled: false } }] }],
  ['boolean and absent attributes', { tag: 'option', props: { value: 'x', selected: true, hidden: false, 'aria-current': undefined, 'aria-hidden': 'true', tabindex: -1 }, children: ['X'] }],
  ['null, false and undefined children', { tag: 'ul', props: {}, children: [null, false, undefined, true, { tag: 'li', props: {}, children: ['kept'] }] }],
  ['fragments and components', { tag: 'fragment', props: {}, children: [{ tag: 'hello', props: { name: 'Ana & Bo' }, children: [{ tag: 'em', props: {}, children: ['!'] }] }, 'after'] }],
  ['React spellings', { tag: 'label', props: { htmlFor: 'f', className: 'c' }, children: ['L'] }],
];

describe('the eager JSX runtime', () => {
  it.each(samples)('writes what Hono writes: %s', async (_name, tree) => {
    expect(ours(tree)).toBe(await hono(tree));
  });

  it('keeps raw() markup as it is and escapes every plain string', () => {
    expect(String(jsx('p', { children: [raw('<b>ok</b>'), '<b>no</b>'] as never }))).toBe('<p><b>ok</b>&lt;b&gt;no&lt;/b&gt;</p>');
  });

  it('writes dangerouslySetInnerHTML unescaped and refuses it beside children', () => {
    expect(String(jsx('script', { type: 'application/ld+json', dangerouslySetInnerHTML: { __html: '{"a":"<\\u002f"}' } }))).toBe(
      '<script type="application/ld+json">{"a":"<\\u002f"}</script>',
    );
    expect(() => jsx('script', { dangerouslySetInnerHTML: { __html: 'x' }, children: 'y' })).toThrow(/not both/);
  });

  it('refuses names that could break out of the tag, async components and style objects', () => {
    expect(() => jsx('div', { 'a"><script': 'x' })).toThrow(/invalid JSX attribute/);
    expect(() => jsx('div onload=x', {})).toThrow(/invalid JSX tag/);
    expect(() => jsx(() => Promise.resolve('x'), {})).toThrow(/promise/);
    expect(() => jsx('p', { style: { color: 'red' } })).toThrow(/style objects/);
    expect(() => jsx('p', { title: () => 'x' })).toThrow(/function/);
    expect(String(jsx('button', { onclick: () => 'x', children: 'b' }))).toBe('<button>b</button>');
  });

  it('returns markup that renders the same through toString and String', () => {
    const el = jsx('p', { children: 'x' });
    expect(el.toString()).toBe('<p>x</p>');
    expect(`${el}`).toBe('<p>x</p>');
  });

  it('gives the bytes of the text, copying kept parts wherever they sit in the tree', () => {
    let seed = 11;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const words = ['a', 'Ölçü', 'Шевченко', '×', '<&>', '', 'plain text', '日本', '🙂 emoji'];
    const node = (depth: number): unknown => {
      const roll = random(6);
      if (depth === 0 || roll === 0) return words[random(words.length)];
      if (roll === 1) return encoded(String(node(depth - 1)));
      if (roll === 2) return [node(depth - 1), node(depth - 1), null, 3];
      if (roll === 3) return Fragment({ children: [node(depth - 1), encoded(words[random(words.length)]!)] });
      return jsx(random(2) ? 'p' : 'li', { title: words[random(words.length)], children: [node(depth - 1), node(depth - 1)] as never });
    };
    for (let i = 0; i < 300; i++) {
      const html = jsx('div', { children: [node(5), encoded('<b>kept</b> · ő'), node(4)] as never });
      expect(Buffer.from(htmlBytes(html)).equals(Buffer.from(new TextEncoder().encode(String(html))))).toBe(true);
    }
  });
});
