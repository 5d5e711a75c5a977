/** Renders editable plain text as HTML: blank lines separate paragraphs, lines starting with "- " form a list; never raw HTML. */

type Block = { kind: 'p'; text: string } | { kind: 'ul'; items: string[] };

const bullet = /^\s*[-•]\s+/;

/** Splits a body into paragraphs and lists; consecutive text lines join into one paragraph. */
export function parseBlocks(body: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of body.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let text: string[] = [];
    let items: string[] = [];
    const flushText = () => {
      if (text.length > 0) blocks.push({ kind: 'p', text: text.join(' ') });
      text = [];
    };
    const flushItems = () => {
      if (items.length > 0) blocks.push({ kind: 'ul', items });
      items = [];
    };
    for (const raw of chunk.split('\n')) {
      const line = raw.trim();
      if (line === '') continue;
      if (bullet.test(line)) {
        flushText();
        items.push(line.replace(bullet, ''));
      } else {
        flushItems();
        text.push(line);
      }
    }
    flushText();
    flushItems();
  }
  return blocks;
}

/** The blocks of a body; `lang` marks text shown in another language than the page's. */
export function RichText(props: { body: string; lang?: string | undefined; class?: string }) {
  return (
    <div class={props.class ?? 'prose'} lang={props.lang}>
      {parseBlocks(props.body).map((b) =>
        b.kind === 'p' ? (
          <p>{b.text}</p>
        ) : (
          <ul>
            {b.items.map((item) => (
              <li>{item}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
