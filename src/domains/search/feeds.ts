/**
 * Atom feeds: of any search (so of every saved search) and of new items per country and type.
 * Feeds are read by programs that do not sign in, so they always show what the public sees.
 */
import { ANONYMOUS } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { snippetParts } from './results.js';
import { parseSearch, type SearchQuery } from './params.js';
import { search } from './service.js';
import { xmlText } from '../../core/text.js';

const xml = xmlText;
const stamp = (date: string | null) => `${date ?? '1970-01-01'}T00:00:00Z`;

export async function atomFeed(
  db: Orm,
  publicUrl: string,
  self: string,
  title: string,
  query: SearchQuery,
): Promise<string> {
  const result = await search(
    db,
    ANONYMOUS,
    parseSearch({ ...query, sort: '-date', limit: 50, cursor: undefined }),
  );
  const updated = result.items.reduce(
    (max, i) => ((i.date ?? '') > max ? (i.date ?? '') : max),
    '1970-01-01',
  );
  const entries = result.items.map((i) => {
    const summary = snippetParts(i.snippet)
      .map((p) => p.text)
      .join('');
    return `  <entry>
    <id>${xml(publicUrl + i.url)}</id>
    <title>${xml(i.title)}</title>
    <link href="${xml(publicUrl + i.url)}"/>
    <updated>${stamp(i.date)}</updated>
    <category term="${xml(i.type)}"/>
    <summary xml:lang="${xml(i.language)}">${xml(summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(publicUrl + self)}</id>
  <title>${xml(title)}</title>
  <link rel="self" href="${xml(publicUrl + self)}"/>
  <link rel="alternate" type="text/html" href="${xml(publicUrl + self.replace(/^\/feeds\/search\.atom/, '/search'))}"/>
  <updated>${stamp(updated)}</updated>
  <generator>cyrepo</generator>
${entries.join('\n')}
</feed>
`;
}
