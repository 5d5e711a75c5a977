import { describe, expect, it } from 'vitest';
import { parseBlocks, RichText } from './text.tsx';

describe('editable plain text', () => {
  it('splits paragraphs on blank lines and joins wrapped lines', () => {
    expect(parseBlocks('One\ntwo.\n\n\nThree.\r\n\r\nFour.')).toEqual([
      { kind: 'p', text: 'One two.' },
      { kind: 'p', text: 'Three.' },
      { kind: 'p', text: 'Four.' },
    ]);
  });

  it('turns lines starting with a dash into a list, keeping text around it', () => {
    expect(parseBlocks('Contact them if:\n- one;\n- two.\nThen more.')).toEqual([
      { kind: 'p', text: 'Contact them if:' },
      { kind: 'ul', items: ['one;', 'two.'] },
      { kind: 'p', text: 'Then more.' },
    ]);
  });

  it('renders markup in the text as text', async () => {
    const html = (await (<RichText body={'<script>x</script>\n\n- <b>y</b>'} lang="en" />).toString()) as string;
    expect(html).toBe('<div class="prose" lang="en"><p>&lt;script&gt;x&lt;/script&gt;</p><ul><li>&lt;b&gt;y&lt;/b&gt;</li></ul></div>');
  });

  it('renders nothing for an empty body', () => {
    expect(parseBlocks(' \n\n ')).toEqual([]);
  });
});
