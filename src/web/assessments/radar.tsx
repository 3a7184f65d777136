/** A radar (spider) chart of dimension scores on the 1–5 scale, drawn as SVG on the server. */
import { scaleLinear } from 'd3-scale';

/** Room on each side for the axis labels. */
const PAD = 50;

type Axis = { code: string; title: string; score: number | null };

export function Radar({
  axes,
  label,
  size = 280,
  compare,
}: {
  axes: Axis[];
  label: string;
  size?: number;
  compare?: Axis[];
}) {
  const c = size / 2;
  const r = scaleLinear()
    .domain([0, 5])
    .range([0, c - 40]);
  const angle = (i: number) => (2 * Math.PI * i) / axes.length - Math.PI / 2;
  const point = (i: number, v: number) =>
    [c + r(v) * Math.cos(angle(i)), c + r(v) * Math.sin(angle(i))].map((n) => n.toFixed(1)).join(',');
  const polygon = (list: Axis[]) => list.map((a, i) => point(i, a.score ?? 0)).join(' ');
  return (
    <svg
      class="radar"
      viewBox={`${-PAD} 0 ${size + 2 * PAD} ${size}`}
      width={size + 2 * PAD}
      height={size}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {[1, 2, 3, 4, 5].map((v) => (
        <polygon
          points={axes.map((_, i) => point(i, v)).join(' ')}
          fill="none"
          stroke="#ccc"
          stroke-width="0.5"
        />
      ))}
      {axes.map((a, i) => {
        const [x, y] = point(i, 5.6).split(',').map(Number);
        return (
          <g>
            <line
              x1={c}
              y1={c}
              x2={point(i, 5).split(',')[0]}
              y2={point(i, 5).split(',')[1]}
              stroke="#ccc"
              stroke-width="0.5"
            />
            <text
              x={x}
              y={y}
              font-size="10"
              text-anchor={x! < c - 5 ? 'end' : x! > c + 5 ? 'start' : 'middle'}
              dominant-baseline="middle"
            >
              {a.code.replace(/_/g, ' ')}
            </text>
          </g>
        );
      })}
      {compare && (
        <polygon
          class="before"
          points={polygon(compare)}
          fill="#999"
          fill-opacity="0.15"
          stroke="#777"
          stroke-dasharray="3 2"
        />
      )}
      <polygon class="after" points={polygon(axes)} fill="#2171b5" fill-opacity="0.3" stroke="#2171b5" />
    </svg>
  );
}
