/**
 * A world map as inline SVG built on the server (world-atlas 110m, d3-geo Equal Earth), each
 * country a link coloured by a value (here: how many items the repository holds).
 * Paths are computed once per process.
 */
import { createRequire } from 'node:module';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { scaleThreshold } from 'd3-scale';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const require = createRequire(import.meta.url);
const WIDTH = 960;
const HEIGHT = 470;

let shapes: { id: string; name: string; d: string }[] | undefined;

function countryShapes() {
  if (!shapes) {
    const topo = require('world-atlas/countries-110m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const geo = feature(topo, topo.objects.countries);
    const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], geo);
    const path = geoPath(projection).digits(1);
    shapes = geo.features
      .filter((f) => f.properties?.name !== 'Antarctica')
      .map((f) => ({ id: String(f.id ?? ''), name: f.properties?.name ?? '', d: path(f) ?? '' }));
  }
  return shapes;
}

export type MapCountry = { numeric: string; iso3: string; name: string; value: number };

const COLOURS = ['#e8edf2', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];

/** `thresholds`: the four values where the colour steps up; `href` and `format`: each country's link and the value in its tooltip. */
export function WorldMap({ countries, label, legend, thresholds = [1, 5, 20, 60], href = (iso3) => `/countries/${iso3}`, format = String }: { countries: MapCountry[]; label: string; legend: string[]; thresholds?: number[]; href?: (iso3: string) => string; format?: (value: number) => string }) {
  const byNumeric = new Map(countries.filter((c) => c.numeric).map((c) => [c.numeric, c]));
  const colour = scaleThreshold<number, string>().domain(thresholds).range(COLOURS);
  return (
    <figure class="map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
        {countryShapes().map((s) => {
          const c = byNumeric.get(s.id);
          const shape = <path d={s.d} fill={colour(c?.value ?? 0)} />;
          return c ? (
            <a href={href(c.iso3)}>
              <title>{`${c.name}: ${format(c.value)}`}</title>
              {shape}
            </a>
          ) : (
            shape
          );
        })}
      </svg>
      <figcaption>
        {legend.map((text, i) => (
          <span class="key">
            <i style={`background:${COLOURS[i]}`} />
            {text}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
