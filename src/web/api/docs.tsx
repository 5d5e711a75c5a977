/** Renders the OpenAPI document as a readable HTML page on the server: operations, parameters and schemas, no script. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Config } from '../../config/config.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { AppEnv } from '../context.ts';
import { htmlDocument } from '../render.tsx';
import { Layout } from '../views/layout.tsx';

/** The parts of an OpenAPI 3.0 document this page reads; the generated document is assignable to it. */
type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  example?: unknown;
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Parameter = { name?: string; in?: string; required?: boolean; description?: string; schema?: Schema; $ref?: string };
type Media = Record<string, { schema?: Schema }>;
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Media } | { $ref: string };
  responses?: Record<string, { description?: string; content?: Media }>;
};
export type ApiDocument = {
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  paths?: Record<string, Partial<Record<'get' | 'put' | 'post' | 'delete' | 'patch', Operation>>>;
  components?: { schemas?: Record<string, Schema> };
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const refName = (ref: string): string => ref.slice(ref.lastIndexOf('/') + 1);
const anchor = (name: string): string => `schema-${name}`;

/** Description text as the OpenAPI document writes it: markdown code spans (`like this`) become <code>. */
function Text({ text }: { text: string | undefined }): Child {
  if (!text) return null;
  // Splitting on a captured group puts the code spans at the odd indexes.
  return (
    <>
      {text.split(/`([^`]+)`/).map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}
    </>
  );
}

/** A description and the schema's constraints, as one notes cell. */
function Notes({ description, schema }: { description: string | undefined; schema: Schema | undefined }) {
  const rules = constraints(schema);
  return (
    <>
      <Text text={description} />
      {description && rules ? ' — ' : ''}
      {rules}
    </>
  );
}

function TypeOf({ schema }: { schema: Schema | undefined }): Child {
  if (!schema) return <span>any</span>;
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return <a href={`#${anchor(name)}`}>{name}</a>;
  }
  const alternatives = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alternatives) {
    return (
      <span>
        {alternatives.map((s, i) => (
          <>
            {i > 0 ? ' or ' : ''}
            <TypeOf schema={s} />
          </>
        ))}
        {schema.nullable ? ' or null' : ''}
      </span>
    );
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? (schema.properties ? 'object' : 'any'));
  return (
    <span>
      {type === 'array' ? (
        <>
          array of <TypeOf schema={schema.items} />
        </>
      ) : (
        <code>{type}</code>
      )}
      {schema.format ? ` (${schema.format})` : ''}
      {schema.nullable ? ' or null' : ''}
    </span>
  );
}

function constraints(s: Schema | undefined): string {
  if (!s) return '';
  const parts: string[] = [];
  if (s.enum) parts.push(`one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (s.pattern) parts.push(`pattern ${s.pattern}`);
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) parts.push(`≤ ${s.maximum}`);
  if (s.minItems !== undefined) parts.push(`at least ${s.minItems} items`);
  if (s.maxItems !== undefined) parts.push(`at most ${s.maxItems} items`);
  if (s.maxLength !== undefined) parts.push(`at most ${s.maxLength} characters`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  if (s.example !== undefined) parts.push(`example ${JSON.stringify(s.example)}`);
  return parts.join('; ');
}

function Properties({ schema }: { schema: Schema }) {
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) return <p>No fixed fields.</p>;
  const required = new Set(schema.required ?? []);
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {props.map(([name, s]) => (
          <tr>
            <td data-label="Field">
              <code>{name}</code>
            </td>
            <td data-label="Type">
              <TypeOf schema={s} />
            </td>
            <td data-label="Required">{required.has(name) ? 'yes' : 'no'}</td>
            <td data-label="Notes">
              <Notes description={s.description} schema={s} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Body({ content }: { content: Media | undefined }) {
  const entries = Object.entries(content ?? {});
  if (entries.length === 0) return <>no body</>;
  return (
    <>
      {entries.map(([type, media]) => (
        <>
          <code>{type}</code>: <TypeOf schema={media.schema} />{' '}
        </>
      ))}
    </>
  );
}

function OperationSection({ method, path, op }: { method: string; path: string; op: Operation }) {
  const params = (op.parameters ?? []).filter((p) => p.name);
  const body = op.requestBody && 'content' in op.requestBody ? op.requestBody : undefined;
  return (
    <section id={`${method}-${path.replace(/[^a-z0-9]+/gi, '-')}`}>
      <h3>
        <code>
          {method.toUpperCase()} {path}
        </code>
      </h3>
      {op.summary ? (
        <p>
          <Text text={op.summary} />
        </p>
      ) : null}
      {op.description ? (
        <p>
          <Text text={op.description} />
        </p>
      ) : null}
      {params.length > 0 ? (
        <>
          <h4>Parameters</h4>
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">In</th>
                <th scope="col">Type</th>
                <th scope="col">Required</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {params.map((p) => (
                <tr>
                  <td data-label="Name">
                    <code>{p.name}</code>
                  </td>
                  <td data-label="In">{p.in}</td>
                  <td data-label="Type">
                    <TypeOf schema={p.schema} />
                  </td>
                  <td data-label="Required">{p.required ? 'yes' : 'no'}</td>
                  <td data-label="Notes">
                    <Notes description={p.description} schema={p.schema} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {body ? (
        <>
          <h4>Request body{body.required ? ' (required)' : ''}</h4>
          <p>
            <Body content={body.content} />
          </p>
        </>
      ) : null}
      <h4>Responses</h4>
      <dl>
        {Object.entries(op.responses ?? {}).map(([status, r]) => (
          <>
            <dt>
              <code>{status}</code>
            </dt>
            <dd>
              <Text text={r.description} /> <Body content={r.content} />
            </dd>
          </>
        ))}
      </dl>
    </section>
  );
}

/** The documentation in the public site's layout (its header leads back to the site); written in English only. */
export function ApiDocsPage({ doc, tr, config }: { doc: ApiDocument; tr: Translator; config: Config }) {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((m) => {
      const op = item[m];
      return op ? [{ method: m, path, op }] : [];
    }),
  );
  const schemas = Object.entries(doc.components?.schemas ?? {});
  const server = doc.servers?.[0]?.url ?? '';
  return (
    <Layout tr={tr} config={config} demo={config.demoData} meta={{ title: doc.info.title, basePath: '/api/docs', languages: [tr.lang] }}>
      <div class="api-docs">
          <p class="back">
            <a href="/">Back to the public site</a>
          </p>
          <h1>
            {doc.info.title} <small>version {doc.info.version}</small>
          </h1>
          {doc.info.description ? (
            <p>
              <Text text={doc.info.description} />
            </p>
          ) : null}
          <p>
            Base URL: <code>{server}</code>. Machine-readable description: <a href="/api/openapi.json">OpenAPI document</a>.
            Errors are JSON: <code>{'{"error":{"code","message","issues":[{"field","message"}]}}'}</code>.
          </p>
          <nav aria-label="Contents">
            <h2>Operations</h2>
            <ul>
              {operations.map(({ method, path, op }) => (
                <li>
                  <a href={`#${method}-${path.replace(/[^a-z0-9]+/gi, '-')}`}>
                    <code>
                      {method.toUpperCase()} {path}
                    </code>
                  </a>{' '}
                  <Text text={op.summary} />
                </li>
              ))}
            </ul>
          </nav>
          {operations.map((o) => (
            <OperationSection method={o.method} path={o.path} op={o.op} />
          ))}
          <h2>Schemas</h2>
          {schemas.map(([name, s]) => (
            <section id={anchor(name)}>
              <h3>{name}</h3>
              {s.description ? (
                <p>
                  <Text text={s.description} />
                </p>
              ) : null}
              <Properties schema={s} />
            </section>
          ))}
      </div>
    </Layout>
  );
}

export async function renderApiDocs(c: Context<AppEnv>, doc: ApiDocument): Promise<Response> {
  const { config, i18n } = c.get('deps');
  const page = <ApiDocsPage doc={doc} tr={i18n.translator('en')} config={config} />;
  return htmlDocument(c, await page);
}
