/* global d3, topojson */
import { ANNOUNCED, label } from './lifecycle.js';

// The world map: Natural Earth outlines (world-atlas, 1:110m) projected with d3-geo into an SVG, and one
// marker per region. Zoom and pan change the viewBox; markers keep their size on screen.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 960;
const HEIGHT = 500;

function svgElement(tag, attributes = {}) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function nearPoint() {
  const element = svgElement('g', { class: 'near-point', 'aria-hidden': 'true', hidden: '' });
  element.append(
    svgElement('circle', { r: 6 }),
    svgElement('path', { d: 'M -11 0 H -3 M 3 0 H 11 M 0 -11 V -3 M 0 3 V 11' }));
  return element;
}

export async function createMap(svg, onSelect) {
  const projection = d3.geoNaturalEarth1().fitExtent([[6, 6], [WIDTH - 6, HEIGHT - 6]], { type: 'Sphere' });
  const path = d3.geoPath(projection);
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);

  const response = await fetch('lib/world-atlas/countries-110m.json');
  const world = await response.json();
  const countries = topojson.feature(world, world.objects.countries);
  svg.append(
    svgElement('path', { class: 'sphere', d: path({ type: 'Sphere' }) }),
    svgElement('path', { class: 'graticule', d: path(d3.geoGraticule10()) }),
    svgElement('path', { class: 'land', d: path(countries) }),
    svgElement('path', { class: 'borders', d: path(topojson.mesh(world, world.objects.countries, (a, b) => a !== b)) }));
  const layer = svgElement('g', { class: 'markers' });
  svg.append(layer);

  const markers = new Map();
  // Placement candidates by region id, with their rank from 1; drawn over every other marker.
  let ranks = new Map();
  const near = { element: nearPoint(), point: null };
  svg.append(near.element);
  let view = { x: 0, y: 0, k: 1 };

  function applyView() {
    svg.setAttribute('viewBox', `${view.x} ${view.y} ${WIDTH / view.k} ${HEIGHT / view.k}`);
    for (const marker of markers.values()) place(marker);
    if (near.point) place(near);
  }

  function place(marker) {
    const [x, y] = marker.point;
    marker.element.setAttribute('transform', `translate(${x.toFixed(1)} ${y.toFixed(1)}) scale(${(1 / view.k).toFixed(3)})`);
  }

  function zoom(factor, cx = view.x + WIDTH / view.k / 2, cy = view.y + HEIGHT / view.k / 2) {
    const k = Math.min(16, Math.max(1, view.k * factor));
    const w = WIDTH / k;
    const h = HEIGHT / k;
    view = {
      k,
      x: Math.min(WIDTH - w, Math.max(0, cx - (cx - view.x) * (view.k / k))),
      y: Math.min(HEIGHT - h, Math.max(0, cy - (cy - view.y) * (view.k / k))),
    };
    applyView();
  }

  function pan(dx, dy) {
    view.x = Math.min(WIDTH - WIDTH / view.k, Math.max(0, view.x + dx));
    view.y = Math.min(HEIGHT - HEIGHT / view.k, Math.max(0, view.y + dy));
    applyView();
  }

  function toMap(event) {
    const box = svg.getBoundingClientRect();
    const scale = Math.max((WIDTH / view.k) / box.width, (HEIGHT / view.k) / box.height);
    return [view.x + (event.clientX - box.left) * scale, view.y + (event.clientY - box.top) * scale, scale];
  }

  svg.addEventListener('wheel', event => {
    event.preventDefault();
    const [x, y] = toMap(event);
    zoom(event.deltaY < 0 ? 1.25 : 0.8, x, y);
  }, { passive: false });

  let drag = null;
  svg.addEventListener('pointerdown', event => {
    if (event.target.closest('.marker')) return;
    drag = { x: event.clientX, y: event.clientY };
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener('pointermove', event => {
    if (!drag) return;
    const [, , scale] = toMap(event);
    pan((drag.x - event.clientX) * scale, (drag.y - event.clientY) * scale);
    drag = { x: event.clientX, y: event.clientY };
  });
  svg.addEventListener('pointerup', () => { drag = null; });

  function render(region, sizes) {
    let marker = markers.get(region.id);
    if (!marker) {
      const element = svgElement('g', { class: 'marker', tabindex: '0', role: 'button', 'data-region-id': region.id });
      element.addEventListener('click', () => onSelect(region.id));
      element.addEventListener('keydown', event => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onSelect(region.id);
        }
      });
      marker = { element, point: [0, 0] };
      markers.set(region.id, marker);
      layer.append(element);
    }

    const kind = region.kind ?? 'DataCenter';
    const radius = 3.5 + 6 * Math.sqrt(sizes.get(region.id) ?? 0);
    const shape = kind === 'ServiceCenter'
      ? svgElement('rect', { class: 'shape', x: -radius, y: -radius, width: 2 * radius, height: 2 * radius, transform: 'rotate(45)' })
      : svgElement('circle', { class: 'shape', r: radius });
    const parts = [shape];
    if (ANNOUNCED.has(region.status)) parts.unshift(svgElement('circle', { class: 'ring', r: radius + 4 }));
    const title = svgElement('title');
    parts.push(title);
    marker.element.replaceChildren(...parts);
    marker.title = title;
    marker.label = `${region.displayName}, ${label(region.status)}${kind === 'ServiceCenter' ? ', service center' : ''}`;
    marker.caption = `${region.displayName}: ${label(region.status)}`;
    marker.element.dataset.status = region.status;
    marker.element.dataset.kind = kind;
    marker.element.dataset.geography = region.geography;
    marker.element.classList.toggle('announced', ANNOUNCED.has(region.status));
    marker.radius = radius;
    marker.point = projection([region.longitude, region.latitude]) ?? [0, 0];
    decorate(region.id, marker);
    place(marker);
  }

  // A candidate gets a solid halo and a badge with its rank, so that neither its colour nor the status colours
  // carry the meaning alone; the first one gets a double halo and a larger badge.
  function decorate(id, marker) {
    marker.element.querySelector('.candidate-mark')?.remove();
    const rank = ranks.get(id);
    marker.element.classList.toggle('candidate', rank !== undefined);
    marker.element.classList.toggle('candidate-first', rank === 1);
    if (rank === undefined) {
      delete marker.element.dataset.rank;
      marker.element.setAttribute('aria-label', marker.label);
      marker.title.textContent = marker.caption;
      return;
    }
    marker.element.dataset.rank = String(rank);
    marker.element.setAttribute('aria-label', `${marker.label}, placement candidate ${rank}`);
    marker.title.textContent = `${marker.caption} (placement candidate ${rank})`;
    const r = marker.radius;
    const digits = String(rank).length;
    const badge = rank === 1 ? 9 : 5 + 2 * digits;
    const offset = r * 0.7 + badge * 0.6;
    const text = svgElement('text', { class: digits > 1 ? 'rank long' : 'rank', x: offset, y: -offset });
    text.textContent = String(rank);
    const mark = svgElement('g', { class: 'candidate-mark', 'aria-hidden': 'true' });
    mark.append(svgElement('circle', { class: 'halo', r: r + 3 }));
    if (rank === 1) mark.append(svgElement('circle', { class: 'halo', r: r + 6.5 }));
    mark.append(svgElement('circle', { class: 'badge', cx: offset, cy: -offset, r: badge }), text);
    // Behind the shape and its ring, so that it never hides them; the badge sits beside the shape.
    marker.element.prepend(mark);
  }

  // Larger markers underneath, so that a small one next to a large one can still be clicked; candidates above
  // all, the first on top.
  // Moving an element in the document takes the keyboard focus from it, so the markers move only when their order
  // changed, and a marker that had the focus gets it back: a live update must not drop a keyboard user's place.
  function restack() {
    const order = [...markers.entries()].sort(([a, ma], [b, mb]) =>
      (ranks.get(b) ?? Infinity) - (ranks.get(a) ?? Infinity) || mb.radius - ma.radius).map(([, m]) => m.element);
    const current = layer.children;
    if (order.length === current.length && order.every((element, i) => current[i] === element)) return;
    const focused = layer.contains(document.activeElement) ? document.activeElement : null;
    layer.append(...order);
    if (focused && document.activeElement !== focused) focused.focus({ preventScroll: true });
  }

  return {
    // Draws or redraws every region; sizes are relative capacities from 0 to 1.
    update(regions, sizes) {
      for (const region of regions) render(region, sizes);
      restack();
    },
    setVisible(id, visible) {
      const marker = markers.get(id);
      if (marker) marker.element.toggleAttribute('hidden', !visible);
    },
    setSelected(id) {
      for (const [key, marker] of markers) marker.element.classList.toggle('selected', key === id);
    },
    // Highlights these region ids as placement candidates, ranked in this order; an empty list removes it.
    setCandidates(ids) {
      ranks = new Map(ids.map((id, index) => [id, index + 1]));
      for (const [id, marker] of markers) decorate(id, marker);
      restack();
    },
    // Marks the point a nearest placement measures from ({ latitude, longitude }), or nothing for null.
    setNearPoint(point) {
      near.point = point ? projection([point.longitude, point.latitude]) : null;
      near.element.toggleAttribute('hidden', !near.point);
      if (near.point) place(near);
    },
    zoomIn: () => zoom(1.5),
    zoomOut: () => zoom(1 / 1.5),
    reset: () => { view = { x: 0, y: 0, k: 1 }; applyView(); },
    pan: (dx, dy) => pan(dx * WIDTH / view.k, dy * HEIGHT / view.k),
  };
}
