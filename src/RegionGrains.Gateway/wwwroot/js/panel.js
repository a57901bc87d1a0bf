import { STATUSES, GEOGRAPHIES, label } from './lifecycle.js';

// The side panel: the footprint summary, and one region's details with its pools and history.
// Every number shown also sits raw in a data-value attribute, so that scripts and tests read it exactly.

const number = new Intl.NumberFormat();

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
  return element;
}

function value(n, attributes = {}) {
  return h('span', { 'data-value': n, ...attributes }, number.format(n));
}

function utilizationBar(reserved, total, name) {
  const share = total > 0 ? reserved / total : 0;
  return h('div', {
    class: 'bar-track', role: 'meter', 'aria-label': `${name} utilization`,
    'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(share * 100),
  }, h('div', { class: 'bar-fill', style: `width:${(share * 100).toFixed(1)}%` }));
}

export function poolRows(pools) {
  return Object.entries(pools).sort(([a], [b]) => a.localeCompare(b)).map(([name, pool]) =>
    h('div', { class: 'resource', 'data-resource': name },
      h('div', { class: 'resource-head' },
        h('strong', {}, name),
        h('span', { class: 'muted' }, `${(pool.total > 0 ? (100 * pool.reserved / pool.total) : 0).toFixed(1)} % used`)),
      utilizationBar(pool.reserved, pool.total, name),
      h('dl', { class: 'triple' },
        h('div', {}, h('dt', {}, 'total'), h('dd', {}, value(pool.total, { 'data-field': 'total' }))),
        h('div', {}, h('dt', {}, 'reserved'), h('dd', {}, value(pool.reserved, { 'data-field': 'reserved' }))),
        h('div', {}, h('dt', {}, 'available'), h('dd', {}, value(pool.available, { 'data-field': 'available' }))))));
}

export function renderSummary(footprint) {
  const count = document.getElementById('region-count');
  count.dataset.value = footprint.regions;
  count.textContent = number.format(footprint.regions);
  document.getElementById('summary').dataset.computedAt = footprint.computedAt;
  // Right after a restart the sums come from the partitions' last stored snapshots until every region is checked.
  const checking = footprint.complete === false
    ? ` (not exact yet: ${number.format(footprint.unconfirmedRegions)} regions still being checked)`
    : '';
  document.getElementById('computed-at').textContent = `as of ${new Date(footprint.computedAt).toLocaleTimeString()}${checking}`;

  const counts = (names, map, attribute) => names
    .filter(name => (map[name] ?? 0) > 0)
    .map(name => h('div', { [attribute]: name },
      h('dt', {}, attribute === 'data-status-count' ? h('span', { class: 'swatch', 'data-status': name }) : null, label(name)),
      h('dd', {}, value(map[name]))));
  document.getElementById('by-status').replaceChildren(...counts(STATUSES, footprint.byStatus ?? {}, 'data-status-count'));
  document.getElementById('by-geography').replaceChildren(...counts(GEOGRAPHIES, footprint.byGeography ?? {}, 'data-geography-count'));
  // Data centers and service centers, once the gateway reports kinds.
  const kinds = Object.keys(footprint.byKind ?? {});
  document.getElementById('by-kind-section').hidden = kinds.length === 0;
  document.getElementById('by-kind').replaceChildren(...counts(kinds.sort(), footprint.byKind ?? {}, 'data-kind-count'));
  document.getElementById('resources').replaceChildren(...poolRows(footprint.resources ?? {}));
}

function field(name, content) {
  return content === undefined || content === null || content === '' ? null : h('div', {}, h('dt', {}, name), h('dd', {}, content));
}

export function renderDetails(container, region, { onClose }) {
  const kind = region.kind ?? 'DataCenter';
  const serviceCenter = kind === 'ServiceCenter';
  container.dataset.regionId = region.id;
  const parts = [
    h('div', { class: 'details-head' },
      h('h2', { id: 'details-title', tabindex: '-1' }, region.displayName),
      h('button', { type: 'button', class: 'close', 'aria-label': 'Close region details', onclick: onClose }, '×')),
    h('p', {},
      h('span', { class: 'pill', 'data-status': region.status, id: 'details-status' }, label(region.status)),
      ' ', h('code', {}, region.id)),
    h('dl', { class: 'facts' },
      field('Kind', serviceCenter ? 'Service center' : 'Data center'),
      field('Country', region.countryCode),
      field('Geography', label(region.geography)),
      field('Location', `${region.latitude.toFixed(3)}, ${region.longitude.toFixed(3)}`),
      serviceCenter ? field('Languages', (region.languages ?? []).join(', ')) : null,
      serviceCenter ? field('Support hours', region.supportHours) : null,
      serviceCenter ? null : field('Reservations', value(region.reservations ?? 0, { 'data-field': 'reservations' })),
      field('Version', String(region.version)),
      field('Updated', new Date(region.updatedAt).toLocaleString())),
    h('div', { id: 'transitions', class: 'transitions' }),
    serviceCenter ? null : h('h3', {}, 'Pools'),
    serviceCenter ? null : h('div', { class: 'resources', id: 'region-pools' },
      Object.keys(region.capacity ?? {}).length ? poolRows(region.capacity) : h('p', { class: 'muted' }, 'No capacity defined yet.')),
    h('section', { id: 'ahead', 'aria-labelledby': 'ahead-title', hidden: true },
      h('h3', { id: 'ahead-title' }, 'Scheduled, booked ahead and waiting'),
      h('div', { id: 'ahead-content' })),
    h('h3', {}, 'Recent history'),
    h('ol', { id: 'history', class: 'history' }),
    h('div', { id: 'history-more' }),
  ];
  container.replaceChildren(...parts.filter(Boolean));
}

export function historyItems(events) {
  return events.map(event => h('li', { 'data-version': event.version, 'data-kind': event.kind },
    h('div', { class: 'history-head' },
      h('strong', {}, label(event.kind)),
      h('time', { datetime: event.time }, new Date(event.time).toLocaleString())),
    h('div', {}, event.detail),
    event.reason ? h('div', { class: 'muted' }, `Reason: ${event.reason}`) : null,
    event.actor ? h('div', { class: 'muted' }, `By ${event.actor}`) : null,
    h('div', { class: 'muted' }, `v${event.version}`)));
}

// What is to come: the region's pending scheduled changes (status and pool totals, in firing order), and demand that
// does not hold capacity yet: requests on the waitlist (summed per resource, oldest first) and reservations booked
// ahead (with when they start and end).
export function aheadItems(reservations, changes = []) {
  const waiting = reservations.filter(r => r.state === 'Waiting');
  const booked = reservations.filter(r => r.state === 'Scheduled');
  const demand = {};
  for (const r of waiting) {
    for (const [resource, amount] of Object.entries(r.resources)) demand[resource] = (demand[resource] ?? 0) + amount;
  }

  const when = instant => instant ? new Date(instant).toLocaleString() : 'no end';
  const amounts = r => Object.entries(r.resources).map(([resource, amount]) => `${amount} ${resource}`).join(', ');
  const pending = changes.filter(c => c.state === 'Pending');
  const what = c => [
    c.status ? `${label(c.status)}${c.reason ? ` (${c.reason})` : ''}` : null,
    ...Object.entries(c.capacity ?? {}).map(([resource, total]) => `${resource} total ${total}`),
  ].filter(Boolean).join(', ');
  return [
    pending.length ? h('ol', { class: 'ahead', 'data-list': 'schedule' }, ...pending.map(c => h('li', { 'data-change-id': c.changeId },
      h('time', { datetime: c.at }, new Date(c.at).toLocaleString()), `: ${what(c)}, by ${c.scheduledBy}`))) : null,
    waiting.length ? h('p', { 'data-field': 'waiting' },
      `${waiting.length} waiting for `,
      Object.entries(demand).map(([resource, amount]) => `${amount} ${resource}`).join(', ')) : null,
    waiting.length ? h('ol', { class: 'ahead', 'data-list': 'waiting' }, ...waiting.map(r => h('li', { 'data-reservation-id': r.reservationId },
      h('code', {}, r.reservationId), ` ${amounts(r)}, waits until ${when(r.waitUntil)}`))) : null,
    booked.length ? h('ol', { class: 'ahead', 'data-list': 'scheduled' }, ...booked.map(r => h('li', { 'data-reservation-id': r.reservationId },
      h('code', {}, r.reservationId), ` ${amounts(r)}, ${when(r.startsAt)} to ${when(r.endsAt)}`))) : null,
  ].filter(Boolean);
}

