// map.js — a world map from TopoJSON (Natural Earth via world-atlas, vendored
// into /vendor/ at build time) drawn as SVG in an equirectangular projection.
// The TopoJSON decoding is the few lines the format needs: delta-decoded,
// quantised arcs joined into rings.

const W = 960, H = 480;
const px = (lon) => ((lon + 180) / 360) * W;
const py = (lat) => ((90 - lat) / 180) * H;

function decodeArcs(topo) {
  const t = topo.transform;
  return topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => {
      x += dx; y += dy;
      return t ? [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]] : [x, y];
    });
  });
}

// Rings that cross the antimeridian (Russia, Fiji) are unwrapped so that no
// edge runs across the whole map; the part beyond ±180° is clipped.
function ringPath(arcs, ring) {
  const pts = [];
  for (const i of ring) {
    const a = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    pts.push(...(pts.length ? a.slice(1) : a));
  }
  let shift = 0, prev = null;
  const out = pts.map(([lon, lat]) => {
    if (prev !== null) {
      if (lon + shift - prev > 180) shift -= 360;
      else if (lon + shift - prev < -180) shift += 360;
    }
    prev = lon + shift;
    return px(prev).toFixed(1) + ',' + py(lat).toFixed(1);
  });
  return 'M' + out.join('L') + 'Z';
}

function geomPath(arcs, g) {
  if (g.type === 'Polygon') return g.arcs.map((r) => ringPath(arcs, r)).join('');
  if (g.type === 'MultiPolygon') return g.arcs.map((p) => p.map((r) => ringPath(arcs, r)).join('')).join('');
  return '';
}

// Returns [{id, name, d}] for every country shape.
export function countryShapes(topo) {
  const arcs = decodeArcs(topo);
  return topo.objects.countries.geometries
    .filter((g) => g.arcs)
    .map((g) => ({ id: g.id, name: g.properties && g.properties.name, d: geomPath(arcs, g) }));
}

// A point on the map (for markers).
export const project = (lat, lon) => [px(lon), py(lat)];

// The visible box: from 84°N to 60°S leaves out Antarctica.
export const viewBox = `0 ${py(84).toFixed(0)} ${W} ${(py(-60) - py(84)).toFixed(0)}`;
