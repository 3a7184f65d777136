/** A figure as a table with bars: each row a label, its number (a link to the records when given) and a bar. */
import { formatNumber } from '../../core/i18n.js';

export type FigureRow = [label: string, value: number, href?: string];

export function Figure({
  caption,
  rows,
  csv,
  id,
  lang = 'en',
}: {
  caption: string;
  rows: FigureRow[];
  csv?: string;
  id?: string;
  lang?: string;
}) {
  const number = (n: number) => formatNumber(n, { lang });
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return (
    <figure class="figure" id={id}>
      <figcaption>{caption}</figcaption>
      <table class="bars">
        <tbody>
          {rows.map(([label, n, href]) => (
            <tr>
              <th scope="row">{label}</th>
              <td class="n">{href ? <a href={href}>{number(n)}</a> : number(n)}</td>
              <td class="bar" aria-hidden="true">
                <svg width="160" height="12" role="presentation">
                  <rect width={Math.round((160 * n) / max)} height="12" fill="#2171b5" />
                </svg>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {csv && <a href={csv}>CSV</a>}
    </figure>
  );
}
