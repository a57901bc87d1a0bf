import { ApiError, apiFetch, describeCredential, getAllRegions, getCredential, getJson, nextLink, setCredential } from './api.js';
import { listen } from './events.js';
import { GEOGRAPHIES, STATUSES, TRANSITIONS, label } from './lifecycle.js';
import { createMap } from './map.js';
import { aheadItems, h, historyItems, renderDetails, renderSummary } from './panel.js';
import { createPlacement } from './placement.js';

// The page's state: every region by id, the latest footprint, the filters and the open region.
const regions = new Map();
const hiddenStatuses = new Set();
const hiddenGeographies = new Set();
let selectedId = null;
let allowedOverride = null;
let map;
let placement;

const $ = id => document.getElementById(id);

function notice(message) {
  $('notice').hidden = !message;
  $('notice').textContent = message ?? '';
}

// Relative size of each region: the mean over resources of its total against the largest total of that resource.
function sizes() {
  const largest = new Map();
  for (const region of regions.values()) {
    for (const [name, pool] of Object.entries(region.capacity ?? {})) largest.set(name, Math.max(largest.get(name) ?? 0, pool.total));
  }
  const result = new Map();
  for (const region of regions.values()) {
    const shares = Object.entries(region.capacity ?? {}).map(([name, pool]) => (largest.get(name) ? pool.total / largest.get(name) : 0));
    result.set(region.id, shares.length ? shares.reduce((a, b) => a + b, 0) / [...largest.keys()].length : 0);
  }
  return result;
}

function isVisible(region) {
  return !hiddenStatuses.has(region.status) && !hiddenGeographies.has(region.geography);
}

function redraw(changed) {
  map.update(changed, sizes());
  for (const region of regions.values()) map.setVisible(region.id, isVisible(region));
  renderList();
}

function renderList() {
  const items = [...regions.values()].sort((a, b) => a.displayName.localeCompare(b.displayName)).map(region =>
    h('li', { hidden: !isVisible(region) },
      h('button', { type: 'button', class: 'region-link', 'data-region-id': region.id, onclick: () => select(region.id) },
        h('span', { class: 'swatch', 'data-status': region.status }), region.displayName)));
  $('region-list').replaceChildren(...items);
}

function upsert(region) {
  const known = regions.get(region.id);
  // Events can overtake a list read: never step a region back to an older version.
  if (known && known.version > region.version) return;
  regions.set(region.id, region);
  redraw([region]);
  if (region.id === selectedId) {
    showDetails(region, { refreshHistory: false });
    refreshHistorySoon(region.id);
  }
}

// A busy region changes many times a second: its open history is re-read at most once a second.
let historyTimer = null;
function refreshHistorySoon(id) {
  if (historyTimer) return;
  historyTimer = setTimeout(() => {
    historyTimer = null;
    if (id === selectedId) {
      loadHistory(id, historyPath(id, 20), false);
      loadAhead(id);
    }
  }, 1000);
}

function historyPath(id, limit) {
  return `/api/regions/${encodeURIComponent(id)}/history?limit=${limit}`;
}

async function resync() {
  const all = await getAllRegions();
  for (const region of all) {
    const known = regions.get(region.id);
    if (!known || known.version <= region.version) regions.set(region.id, region);
  }
  redraw(all);
}

function buildFilters() {
  $('status-filter').append(...STATUSES.map(status =>
    h('label', { class: 'legend-item' },
      h('input', { type: 'checkbox', checked: true, 'data-filter-status': status, onchange: event => toggle(hiddenStatuses, status, event.target.checked) }),
      h('span', { class: 'swatch', 'data-status': status }), label(status))));
  $('geography-filter').append(...GEOGRAPHIES.map(geography =>
    h('label', { class: 'legend-item' },
      h('input', { type: 'checkbox', checked: true, 'data-filter-geography': geography, onchange: event => toggle(hiddenGeographies, geography, event.target.checked) }),
      label(geography))));
}

function toggle(set, key, shown) {
  if (shown) set.delete(key); else set.add(key);
  redraw([]);
}

async function select(id) {
  selectedId = id;
  allowedOverride = null;
  map.setSelected(id);
  try {
    const response = await apiFetch(`/api/regions/${encodeURIComponent(id)}`);
    const region = await response.json();
    regions.set(id, region);
    showDetails(region, { refreshHistory: true });
    placement.setOpenRegion(region);
    $('details-title').focus();
  } catch (error) {
    notice(`Could not read ${id}: ${error.message}`);
  }
}

function closeDetails() {
  const id = selectedId;
  selectedId = null;
  map.setSelected(null);
  placement.setOpenRegion(null);
  $('details').hidden = true;
  document.querySelector(`.marker[data-region-id="${CSS.escape(id ?? '')}"]`)?.focus();
}

function showDetails(region, { refreshHistory }) {
  const container = $('details');
  // The panel is redrawn on every change of the region: keep what the operator is typing, and where.
  const typing = { value: $('transition-reason')?.value ?? '', focused: document.activeElement?.id === 'transition-reason' };
  renderDetails(container, region, { onClose: closeDetails });
  container.hidden = false;
  renderTransitions(region, typing);
  if (refreshHistory) {
    loadHistory(region.id, historyPath(region.id, 20), false);
    loadAhead(region.id);
  }
}

// Scheduled changes, the waitlist and the bookings ahead: the first page of each, shown only when there are any.
async function loadAhead(id) {
  const section = $('ahead');
  if (!section) return;
  try {
    const region = `/api/regions/${encodeURIComponent(id)}`;
    // A service center holds no reservations: only its scheduled changes are asked for.
    const holdsCapacity = regions.get(id)?.kind !== 'ServiceCenter';
    const [{ body: reservations }, { body: changes }] = await Promise.all([
      holdsCapacity ? getJson(`${region}/reservations?state=Waiting,Scheduled&limit=100`) : { body: [] },
      getJson(`${region}/schedule`),
    ]);
    if (id !== selectedId) return;
    const items = aheadItems(reservations, changes);
    $('ahead-content').replaceChildren(...items);
    section.hidden = items.length === 0;
  } catch (error) {
    $('ahead-content').replaceChildren(h('p', { class: 'muted' }, `Unavailable: ${error.message}`));
    section.hidden = false;
  }
}

// History, newest first. Follows the gateway's Link rel="next" when it sends one; an older gateway without
// paging gets a "show more" that asks for a longer page instead.
async function loadHistory(id, path, append) {
  try {
    const response = await apiFetch(path);
    const events = await response.json();
    if (id !== selectedId) return;
    const list = $('history');
    if (append) list.append(...historyItems(events)); else list.replaceChildren(...historyItems(events));
    const next = nextLink(response);
    const limit = Number(new URL(path, location.href).searchParams.get('limit'));
    const more = $('history-more');
    if (next) {
      more.replaceChildren(h('button', { type: 'button', onclick: () => loadHistory(id, next, true) }, 'Older events'));
    } else if (events.length === limit && limit < 1000 && !append) {
      more.replaceChildren(h('button', { type: 'button', onclick: () => loadHistory(id, historyPath(id, Math.min(limit * 5, 1000)), false) }, 'Show more'));
    } else {
      more.replaceChildren();
    }
  } catch (error) {
    $('history-more').replaceChildren(h('p', { class: 'muted' }, `History unavailable: ${error.message}`));
  }
}

// Status buttons for operators: only with a credential; the server still decides (401/403/409).
function renderTransitions(region, typing = { value: '', focused: false }) {
  const container = $('transitions');
  if (!getCredential()) {
    container.replaceChildren();
    return;
  }
  const targets = allowedOverride ?? TRANSITIONS[region.status] ?? [];
  const reason = h('input', { type: 'text', id: 'transition-reason', placeholder: 'Reason for the change', 'aria-label': 'Reason for the status change' });
  reason.value = typing.value;
  const message = h('p', { class: 'muted', role: 'status', id: 'transition-message' });
  container.replaceChildren(
    h('h3', {}, 'Change status'),
    targets.length ? reason : h('p', { class: 'muted' }, 'No further transitions.'),
    h('div', { class: 'transition-buttons' }, targets.map(target =>
      h('button', { type: 'button', 'data-target-status': target, onclick: () => transition(region, target, reason, message) }, label(target)))),
    message);
  if (typing.focused) reason.focus();
}

async function transition(region, status, reasonInput, message) {
  const reason = reasonInput.value.trim() || `Changed from the map by ${describeCredential(getCredential())}`;
  message.textContent = `Moving to ${label(status)}…`;
  try {
    const response = await apiFetch(`/api/regions/${encodeURIComponent(region.id)}/status`, { method: 'POST', body: { status, reason } });
    allowedOverride = null;
    upsert(await response.json());
  } catch (error) {
    if (error instanceof ApiError && error.status === 409 && Array.isArray(error.problem?.allowedTargets)) {
      allowedOverride = error.problem.allowedTargets;
      renderTransitions(region, { value: reasonInput.value, focused: false });
    }
    const text = error instanceof ApiError && (error.status === 401 || error.status === 403)
      ? `Not allowed with this credential (${error.status}).`
      : error.message;
    ($('transition-message') ?? message).textContent = text;
  }
}

function setConnection(state, text) {
  const element = $('connection');
  element.dataset.state = state;
  element.textContent = text;
  document.body.dataset.stream = state;
}

function showAccount() {
  const credential = getCredential();
  $('who').textContent = describeCredential(credential);
  $('sign-in').hidden = !!credential;
  $('sign-out').hidden = !credential;
}

let stopListening = () => {};
let connections = 0;

function startStream() {
  stopListening();
  stopListening = listen('/api/footprint/events', {
    async onOpen() {
      connections += 1;
      document.body.dataset.connections = String(connections);
      setConnection('open', 'Live');
      notice(null);
      // Whatever changed while the stream was down arrives as a fresh list.
      try { await resync(); } catch (error) { notice(`Could not read the regions: ${error.message}`); }
    },
    onEvent(type, data) {
      if (type === 'region') upsert(data);
      else if (type === 'footprint') {
        renderSummary(data);
        placement.setResources(Object.keys(data.resources ?? {}));
      }
    },
    onClose(error) {
      setConnection('closed', 'Reconnecting…');
      if (error?.message?.includes('401') || error?.message?.includes('403')) notice('The gateway asks for a credential: sign in with a token or an API key.');
    },
  });
}

function wireAccount() {
  const dialog = $('credential-dialog');
  $('sign-in').addEventListener('click', () => dialog.showModal());
  $('sign-out').addEventListener('click', () => {
    setCredential(null);
    showAccount();
    startStream();
    if (selectedId) showDetails(regions.get(selectedId), { refreshHistory: false });
  });
  dialog.addEventListener('close', () => {
    if (dialog.returnValue !== 'save') return;
    setCredential({ kind: $('credential-kind').value, value: $('credential-value').value.trim() });
    $('credential-value').value = '';
    showAccount();
    startStream();
    if (selectedId) showDetails(regions.get(selectedId), { refreshHistory: true });
  });
}

function wireKeys() {
  $('zoom-in').addEventListener('click', () => map.zoomIn());
  $('zoom-out').addEventListener('click', () => map.zoomOut());
  $('zoom-reset').addEventListener('click', () => map.reset());
  document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && selectedId && !$('credential-dialog').open) closeDetails();
  });
  $('map').addEventListener('keydown', event => {
    const moves = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] };
    if (event.key === '+' || event.key === '=') map.zoomIn();
    else if (event.key === '-') map.zoomOut();
    else if (moves[event.key] && event.target.id === 'map') map.pan(...moves[event.key]);
    else return;
    event.preventDefault();
  });
}

async function main() {
  buildFilters();
  showAccount();
  wireAccount();
  map = await createMap($('map'), select);
  placement = createPlacement({
    onCandidates(ids, near) {
      map.setCandidates(ids);
      map.setNearPoint(near);
      $('map').classList.toggle('placing', ids.length > 0);
      $('candidate-legend').hidden = ids.length === 0;
    },
    onSelect: select,
  });
  wireKeys();
  $('map').setAttribute('tabindex', '0');
  startStream();
  document.body.dataset.ready = 'true';
}

main().catch(error => notice(`The map could not start: ${error.message}`));
