/** What every page view gets: the UI language, its translator, the current path and site flags. */
import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { ANONYMOUS, type Viewer } from '../../core/access.js';
import { pickLanguage, translator, type Translate, type UiLang } from '../../core/i18n.js';

export type Ui = {
  lang: UiLang;
  t: Translate;
  path: string;
  query: string;
  publicUrl: string;
  demo: boolean;
  viewer: Viewer;
  csrf: string;
};

declare module 'fastify' {
  interface FastifyRequest {
    ui: Ui;
  }
}

export function uiFor(req: FastifyRequest, reply: FastifyReply, publicUrl: string, demo: boolean): Ui {
  const q = req.query as Record<string, unknown> | undefined;
  const lang = pickLanguage(q?.lang, req.cookies?.lang, req.headers['accept-language']);
  if (q?.lang === lang && req.cookies?.lang !== lang)
    reply.setCookie('lang', lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true });
  const url = new URL(req.url, 'http://x');
  url.searchParams.delete('lang');
  return {
    lang,
    t: translator(lang),
    path: url.pathname,
    query: url.search,
    publicUrl,
    demo,
    viewer: ANONYMOUS,
    csrf: '',
  };
}

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${render(page)}`);
}
