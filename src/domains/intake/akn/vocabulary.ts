/** The Akoma Ntoso vocabulary the reader knows: namespaces, document types and the kinds of element. */
export const NAMESPACES: Record<string, '3.0' | '2.0'> = {
  'http://docs.oasis-open.org/legaldocml/ns/akn/3.0': '3.0',
  'http://www.akomantoso.org/2.0': '2.0',
};
export const namespaceVersion = (uri: string) =>
  NAMESPACES[uri] ?? (uri.startsWith('http://docs.oasis-open.org/legaldocml/ns/akn/3.0') ? '3.0' : undefined);

/** Akoma Ntoso's named hierarchical elements (anything else is an <hcontainer name="…">). */
export const AKN_HIERARCHICAL = [
  'alinea',
  'article',
  'book',
  'chapter',
  'clause',
  'division',
  'indent',
  'level',
  'list',
  'paragraph',
  'part',
  'point',
  'proviso',
  'rule',
  'section',
  'subchapter',
  'subclause',
  'subdivision',
  'sublist',
  'subparagraph',
  'subpart',
  'subrule',
  'subsection',
  'subtitle',
  'title',
  'tome',
  'transitional',
] as const;

/** Hierarchical elements: each becomes a provision. */
export const HIERARCHY = new Set<string>([
  ...AKN_HIERARCHICAL,
  'hcontainer',
  // containers that are provisions of their own in cyrepo
  'preamble',
  'attachment',
  'component',
  'introduction',
  'background',
  'arguments',
  'remedies',
  'motivation',
  'decision',
]);
// A collection's body only refers to its components (<documentRef>); their content follows in <components>.
export const BODIES = new Set([
  'body',
  'mainBody',
  'portionBody',
  'judgmentBody',
  'amendmentBody',
  'preamble',
  'attachments',
  'components',
]);
/** Text that is not the law's own words: notes, editorial remarks, presentation. */
export const SKIP = new Set([
  'meta',
  'authorialNote',
  'note',
  'notes',
  'noteRef',
  'remark',
  'style',
  'img',
  'marker',
  'eol',
  'eop',
]);
/** Elements that end a line of text. */
export const BLOCKS = new Set([
  'p',
  'content',
  'intro',
  'wrapUp',
  'item',
  'tr',
  'blockList',
  'listIntroduction',
  'listWrapUp',
  'block',
  'tblock',
  'subheading',
  'crossHeading',
  'foreign',
  'quotedStructure',
  'blockContainer',
  'br',
]);
/** The document types an <akomaNtoso> root may hold. */
export const ROOT_TYPES = [
  'act',
  'bill',
  'portion',
  'documentCollection',
  'judgment',
  'doc',
  'statement',
  'amendment',
  'debate',
  'debateReport',
  'officialGazette',
  'amendmentList',
] as const;
