import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { I18n } from '../../i18n/i18n.ts';
import { Layout, type PageMeta } from './layout.tsx';

const i18n = new I18n();

async function page(lang: string, env: Record<string, string> = {}, meta: Partial<PageMeta> = {}): Promise<string> {
  const config = loadConfig({ DATA_DIR: ':memory:', ...env });
  const el = (
    <Layout tr={i18n.translator(lang)} config={config} demo={false} meta={{ title: 'T', basePath: '/notices/x', languages: i18n.languages, ...meta }}>
      <p>body</p>
    </Layout>
  );
  return el.toString();
}

const footer = (html: string): string => html.slice(html.indexOf('<footer'));

describe('the footer’s emergency sentence', () => {
  it('is each language’s catalog text when the office sets none', async () => {
    expect(footer(await page('en'))).toContain(i18n.translator('en').t('layout.emergency'));
    const fr = footer(await page('fr'));
    expect(fr).toContain('En cas d’urgence, appelez le 112');
    expect(fr).not.toContain('In an emergency');
  });

  it('is the office’s text for the language, else its plain text', async () => {
    const env = { SITE_EMERGENCY_TEXT: 'Call 112 or 999.', SITE_EMERGENCY_TEXT_FR: 'Appelez le 112 ou le 999.' };
    expect(footer(await page('fr', env))).toContain('Appelez le 112 ou le 999.');
    expect(footer(await page('en', env))).toContain('Call 112 or 999.');
  });
});

describe('the office name', () => {
  it('follows the page language where the office gives one', async () => {
    const env = { SITE_NAME: 'Test Office', SITE_NAME_FR: 'Bureau de test' };
    const fr = await page('fr', env);
    expect(fr).toContain('<title>T · Bureau de test</title>');
    expect(fr).toContain('<span>Bureau de test</span>');
    expect(await page('en', env)).toContain('<span>Test Office</span>');
  });
});

describe('the language links', () => {
  const links = (html: string): string[] => [...html.matchAll(/<a href="([^"]*)" hreflang="[a-z]+"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

  it('keep the query of the page, so a visitor stays on the same country or search', async () => {
    expect(links(await page('en', {}, { query: 'country=FR' }))).toEqual(['/notices/x?country=FR', '/fr/notices/x?country=FR']);
    expect(links(await page('fr', {}, { query: '?q=Shevchenko&kind=wanted' }))).toEqual(['/notices/x?q=Shevchenko&kind=wanted', '/fr/notices/x?q=Shevchenko&kind=wanted']);
  });

  it('drop empty parameters and an oversized query, and escape what they keep', async () => {
    expect(links(await page('en', {}, { query: 'country=&kind=wanted' }))).toEqual(['/notices/x?kind=wanted', '/fr/notices/x?kind=wanted']);
    expect(links(await page('en', {}, { query: `q=${'a'.repeat(2000)}` }))).toEqual(['/notices/x', '/fr/notices/x']);
    const html = await page('en', {}, { query: 'q="><script>' });
    expect(html).not.toContain('"><script>');
    expect(links(html)[0]).toBe('/notices/x?q=%22%3E%3Cscript%3E');
  });

  it('fall back to the canonical query, and are left out when the page has one language', async () => {
    expect(links(await page('en', {}, { canonicalQuery: 'page=2' }))[1]).toBe('/fr/notices/x?page=2');
    const single = await page('en', {}, { languages: ['en'] });
    expect(single).not.toContain('class="langs"');
  });
});
