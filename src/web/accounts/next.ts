/** Where to go after signing in: only a path on this site, never another host. */
const PLACEHOLDER = 'http://cyrepo.invalid';

/**
 * `next` as a same-origin path, or `/account`. Refuses `//host`, `/\host` (browsers read `\` as `/`),
 * schemes, whitespace and control characters, and anything that resolves to another origin.
 */
export function safeNext(next: string | undefined, fallback = '/account'): string {
  if (!next?.startsWith('/') || /[\\\s\u0000-\u001f\u007f]/.test(next) || next.startsWith('//'))
    return fallback;
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER) return fallback;
  // `/..//host` or `/.//host` resolve to a path starting with `//`, which a browser reads as another host.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? fallback : path;
}
