/**
 * A world map as inline SVG built on the server (world-atlas 110m, d3-geo Equal Earth), each
 * country a link coloured on a sequential scale by a stated measure, with a legend that says what
 * is counted. Small states the 110m shapes leave out (Cabo Verde, Malta, Singapore, the island
 * states of the Pacific and the Caribbean…) are drawn as dots where they have a value, placed by
 * their 50m shape's centre. Paths and dots are computed once per process.
 *
 * Accessibility: the SVG is a group of links, each named by its tooltip (a country and its value);
 * shapes without a link are hidden from assistive technology.
 */
import { createRequire } from 'node:module';
import { geoCentroid, geoEqualEarth, geoPath, type GeoProjection } from 'd3-geo';
import { scaleThreshold } from 'd3-scale';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const require = createRequire(import.meta.url);
const WIDTH = 960;
const HEIGHT = 470;

type Atlas = Topology<{ countries: GeometryCollection<{ name: string }> }>;
let shapes: { id: string; name: string; d: string }[] | undefined;
let projection: GeoProjection | undefined;
let centres: Map<string, [number, number]> | undefined;

/** Territories with no shape of their own even at 50m (part of another country's shape there): [longitude, latitude]. */
const EXTRA_CENTRES: Record<string, [number, number]> = {
  '535': [-68.26, 12.18], // Bonaire, Sint Eustatius and Saba
  '166': [96.87, -12.16], // Cocos (Keeling) Islands
  '162': [105.69, -10.49], // Christmas Island
  '292': [-5.35, 36.14], // Gibraltar
  '312': [-61.55, 16.25], // Guadeloupe
  '254': [-53.1, 3.9], // French Guiana
  '474': [-61.02, 14.64], // Martinique
  '175': [45.15, -12.83], // Mayotte
  '638': [55.53, -21.13], // Réunion
  '772': [-171.85, -9.2], // Tokelau
  '798': [179.2, -8.52], // Tuvalu
};

function countryShapes() {
  if (!shapes) {
    const topo = require('world-atlas/countries-110m.json') as Atlas;
    const geo = feature(topo, topo.objects.countries);
    projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], geo);
    const path = geoPath(projection).digits(1);
    shapes = geo.features
      .filter((f) => f.properties?.name !== 'Antarctica')
      .map((f) => ({ id: String(f.id ?? ''), name: f.properties?.name ?? '', d: path(f) ?? '' }));
  }
  return shapes;
}

/** Where the dot of a country without a 110m shape goes, in map coordinates. */
function centreOf(numeric: string): [number, number] | undefined {
  if (!centres) {
    const topo = require('world-atlas/countries-50m.json') as Atlas;
    centres = new Map(
      feature(topo, topo.objects.countries).features.map((f) => [String(f.id ?? ''), geoCentroid(f)]),
    );
    for (const [id, c] of Object.entries(EXTRA_CENTRES)) if (!centres.has(id)) centres.set(id, c);
  }
  const lonLat = centres.get(numeric);
  const xy = lonLat && projection?.(lonLat);
  return xy ? [Math.round(xy[0] * 10) / 10, Math.round(xy[1] * 10) / 10] : undefined;
}

/** A country on the map: `value` picks its colour; `title` (default "name: value") is its tooltip and accessible name. */
export type MapCountry = { numeric: string; iso3: string; name: string; value: number; title?: string };

/** A sequential blue scale, light to dark; the lightest is "none". Each step at least 3:1 against the next but one. */
export const MAP_COLOURS = ['#e8edf2', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];

/**
 * `thresholds`: the four values where the colour steps up; `legend`: the five classes' labels, and
 * `measure` what is counted (shown before them); `href` and `format`: each country's link and its
 * value in the default tooltip.
 */
export function WorldMap({
  countries,
  label,
  legend,
  measure,
  thresholds = [1, 5, 20, 60],
  href = (iso3) => `/countries/${iso3}`,
  format = String,
}: {
  countries: MapCountry[];
  label: string;
  legend: string[];
  measure?: string;
  thresholds?: number[];
  href?: (iso3: string) => string;
  format?: (value: number) => string;
}) {
  const byNumeric = new Map(countries.filter((c) => c.numeric).map((c) => [c.numeric, c]));
  const colour = scaleThreshold<number, string>().domain(thresholds).range(MAP_COLOURS);
  const drawn = countryShapes();
  const withShape = new Set(drawn.map((s) => s.id));
  const title = (c: MapCountry) => c.title ?? `${c.name}: ${format(c.value)}`;
  const dots = countries
    .filter((c) => c.numeric && c.value > 0 && !withShape.has(c.numeric))
    .map((c) => ({ c, at: centreOf(c.numeric) }))
    .filter((d): d is { c: MapCountry; at: [number, number] } => !!d.at);
  return (
    <figure class="map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={label}>
        {drawn.map((s) => {
          const c = byNumeric.get(s.id);
          if (!c) return <path d={s.d} fill={colour(0)} aria-hidden="true" />;
          return (
            <a href={href(c.iso3)} aria-label={title(c)}>
              <title>{title(c)}</title>
              <path d={s.d} fill={colour(c.value)} />
            </a>
          );
        })}
        {dots.map(({ c, at }) => (
          <a href={href(c.iso3)} aria-label={title(c)} class="dot">
            <title>{title(c)}</title>
            <circle cx={at[0]} cy={at[1]} r="4" fill={colour(c.value)} />
          </a>
        ))}
      </svg>
      <figcaption>
        {measure && <span class="measure">{measure}</span>}
        {legend.map((text, i) => (
          <span class="key">
            <i style={`background:${MAP_COLOURS[i]}`} />
            {text}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
