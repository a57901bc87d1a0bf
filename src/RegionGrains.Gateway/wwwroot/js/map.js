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
  let view = { x: 0, y: 0, k: 1 };

  function applyView() {
    svg.setAttribute('viewBox', `${view.x} ${view.y} ${WIDTH / view.k} ${HEIGHT / view.k}`);
    for (const marker of markers.values()) place(marker);
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
    title.textContent = `${region.displayName}: ${label(region.status)}`;
    parts.push(title);
    marker.element.replaceChildren(...parts);
    marker.element.dataset.status = region.status;
    marker.element.dataset.kind = kind;
    marker.element.dataset.geography = region.geography;
    marker.element.classList.toggle('announced', ANNOUNCED.has(region.status));
    marker.element.setAttribute('aria-label', `${region.displayName}, ${label(region.status)}${kind === 'ServiceCenter' ? ', service center' : ''}`);
    marker.radius = radius;
    marker.point = projection([region.longitude, region.latitude]) ?? [0, 0];
    place(marker);
  }

  return {
    // Draws or redraws every region; sizes are relative capacities from 0 to 1.
    update(regions, sizes) {
      for (const region of regions) render(region, sizes);
      // Larger markers underneath, so that a small one next to a large one can still be clicked.
      const order = [...markers.values()].sort((a, b) => b.radius - a.radius);
      layer.append(...order.map(m => m.element));
    },
    setVisible(id, visible) {
      const marker = markers.get(id);
      if (marker) marker.element.toggleAttribute('hidden', !visible);
    },
    setSelected(id) {
      for (const [key, marker] of markers) marker.element.classList.toggle('selected', key === id);
    },
    zoomIn: () => zoom(1.5),
    zoomOut: () => zoom(1 / 1.5),
    reset: () => { view = { x: 0, y: 0, k: 1 }; applyView(); },
    pan: (dx, dy) => pan(dx * WIDTH / view.k, dy * HEIGHT / view.k),
  };
}
