import { ApiError, getJson } from './api.js';
import { GEOGRAPHIES, RESERVABLE, label } from './lifecycle.js';
import { h } from './panel.js';

// "Find capacity": a form for GET /api/placement/candidates and its ranked answer, which the map highlights.
// The gateway is the one judge of the input: the form has novalidate and sends what was typed, and a refusal is
// shown in the gateway's own words next to the form, so no rule is restated here with other wording.
// Like the rest of the panel, every number shown also sits raw in a data-value attribute.

const number = new Intl.NumberFormat();
const kilometres = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const ORDER = { pack: 'fullest first', spread: 'emptiest first', nearest: 'nearest first' };

const $ = id => document.getElementById(id);

function percent(share) {
  return `${(100 * share).toFixed(1)} %`;
}

export function createPlacement({ onCandidates, onSelect }) {
  const form = $('placement-form');
  const amounts = $('placement-resources');
  const errors = $('placement-errors');
  const results = $('placement-results');
  // A status line that stays in the page, so that screen readers announce each answer without reading the list.
  const meta = $('placement-meta');
  let names = null;
  // Each query gets a number; an answer that comes back after a newer query (or a reset) is dropped.
  let sequence = 0;

  $('placement-geography').append(...GEOGRAPHIES.map(g => h('option', { value: g }, label(g))));
  $('placement-status').append(...RESERVABLE.map(s => h('option', { value: s }, label(s))));

  form.addEventListener('submit', event => {
    event.preventDefault();
    find();
  });
  form.addEventListener('reset', () => {
    sequence += 1;
    clear();
  });

  let openRegion = null;
  $('placement-near-region').addEventListener('click', () => {
    if (!openRegion) return;
    $('placement-lat').value = String(openRegion.latitude);
    $('placement-lon').value = String(openRegion.longitude);
    $('placement-policy').value = 'nearest';
  });

  function amountInputs() {
    return [...amounts.querySelectorAll('input[data-resource]')];
  }

  // Which controls a field of a validation problem is about.
  function controls(field) {
    if (field === 'resources') {
      const filled = amountInputs().filter(input => input.value.trim() !== '');
      return filled.length ? filled : amountInputs();
    }
    if (field === 'near') return [$('placement-lat'), $('placement-lon')];
    const control = $(`placement-${field}`);
    return control ? [control] : [];
  }

  function clearErrors() {
    errors.hidden = true;
    errors.replaceChildren();
    for (const control of form.querySelectorAll('[aria-invalid]')) {
      control.removeAttribute('aria-invalid');
      control.removeAttribute('aria-describedby');
    }
  }

  function clear() {
    clearErrors();
    status('');
    results.replaceChildren();
    delete results.dataset.state;
    onCandidates([], null);
  }

  function status(text, attributes = {}) {
    meta.replaceChildren(...[text].flat().filter(part => part !== ''));
    for (const name of ['policy', 'asOf']) {
      if (attributes[name] === undefined) delete meta.dataset[name]; else meta.dataset[name] = attributes[name];
    }
  }

  function showError(error) {
    const fields = error instanceof ApiError && error.problem?.errors ? Object.entries(error.problem.errors) : [];
    if (fields.length) {
      errors.replaceChildren(
        h('p', {}, error.problem.title ?? 'The gateway refused the query.'),
        h('ul', {}, fields.flatMap(([field, messages]) => messages.map(message => h('li', { 'data-field': field }, message)))));
      for (const [field] of fields) {
        for (const control of controls(field)) {
          control.setAttribute('aria-invalid', 'true');
          control.setAttribute('aria-describedby', 'placement-errors');
        }
      }
    } else {
      const text = error instanceof ApiError && error.status === 401 ? 'The gateway asks for a credential: sign in with a token or an API key.'
        : error instanceof ApiError && error.status === 403 ? 'Not allowed with this credential (403).'
        : `Could not find capacity: ${error.message}`;
      errors.replaceChildren(h('p', {}, text));
    }
    errors.hidden = false;
  }

  function candidateItem(candidate, rank) {
    return h('li', { 'data-region-id': candidate.regionId, 'data-rank': rank, class: rank === 1 ? 'first' : null },
      h('span', { class: 'rank', 'aria-hidden': 'true' }, String(rank)),
      h('div', {},
        h('div', { class: 'candidate-head' },
          h('button', { type: 'button', class: 'candidate-link', onclick: () => onSelect(candidate.regionId) }, candidate.displayName),
          h('span', { class: 'muted' }, `${label(candidate.geography)} · ${label(candidate.status)}`)),
        h('dl', { class: 'candidate-figures' }, Object.keys(candidate.available).sort().map(name =>
          h('div', { 'data-resource': name },
            h('dt', {}, name),
            h('dd', {},
              h('span', { 'data-field': 'available', 'data-value': candidate.available[name] }, number.format(candidate.available[name])),
              ' available · ',
              h('span', { 'data-field': 'utilization', 'data-value': candidate.utilization[name] ?? 0 }, percent(candidate.utilization[name] ?? 0)),
              ' used')))),
        candidate.distanceKm === null || candidate.distanceKm === undefined ? null
          : h('p', { class: 'muted distance' },
            h('span', { 'data-field': 'distanceKm', 'data-value': candidate.distanceKm }, `${kilometres.format(candidate.distanceKm)} km`), ' away')));
  }

  function show(answer, near) {
    const count = answer.candidates.length;
    status([
      count ? `${count} ${count === 1 ? 'region' : 'regions'}, ${ORDER[answer.policy] ?? answer.policy}` : 'No region can take the whole order now',
      ' · as of ', h('time', { datetime: answer.asOf }, new Date(answer.asOf).toLocaleTimeString())],
    { policy: answer.policy, asOf: answer.asOf });
    results.dataset.state = 'done';
    results.replaceChildren(...(count ? [h('ol', { id: 'placement-list', class: 'candidates', 'aria-label': 'Candidate regions, best first' },
      answer.candidates.map((candidate, index) => candidateItem(candidate, index + 1)))] : []));
    onCandidates(answer.candidates.map(c => c.regionId), near);
  }

  async function find() {
    const params = new URLSearchParams();
    const terms = amountInputs().filter(input => input.value.trim() !== '').map(input => `${input.dataset.resource}:${input.value.trim()}`);
    if (terms.length) params.set('resources', terms.join(','));
    if ($('placement-geography').value) params.set('geography', $('placement-geography').value);
    if ($('placement-status').value) params.set('status', $('placement-status').value);
    const latitude = $('placement-lat').value.trim();
    const longitude = $('placement-lon').value.trim();
    if (latitude || longitude) params.set('near', `${latitude},${longitude}`);
    params.set('policy', $('placement-policy').value);
    if ($('placement-limit').value.trim()) params.set('limit', $('placement-limit').value.trim());

    const mine = ++sequence;
    clearErrors();
    status('Searching…');
    results.dataset.state = 'searching';
    results.replaceChildren();
    try {
      const { body } = await getJson(`/api/placement/candidates?${params}`);
      if (mine !== sequence) return;
      // A point the gateway accepted is a valid latitude and longitude.
      show(body, params.has('near') ? { latitude: Number(latitude), longitude: Number(longitude) } : null);
    } catch (error) {
      if (mine !== sequence) return;
      clear();
      showError(error);
    }
  }

  return {
    // One amount per pool the footprint knows, in name order; what was typed survives a change of the list.
    setResources(resourceNames) {
      const sorted = [...resourceNames].sort();
      if (names && sorted.join('\n') === names.join('\n')) return;
      names = sorted;
      const typed = new Map(amountInputs().map(input => [input.dataset.resource, input.value]));
      const focused = document.activeElement?.dataset?.resource;
      amounts.replaceChildren(...(sorted.length ? sorted.map(name => {
        const id = `placement-amount-${name}`;
        const input = h('input', { id, type: 'text', inputmode: 'numeric', autocomplete: 'off', 'data-resource': name });
        input.value = typed.get(name) ?? '';
        return h('div', { class: 'amount' }, h('label', { for: id }, name), input);
      }) : [h('p', { class: 'muted' }, 'No pools in the footprint yet.')]));
      if (focused) amounts.querySelector(`input[data-resource="${CSS.escape(focused)}"]`)?.focus();
    },
    // The region open in the details panel, whose location can be the point a nearest search measures from.
    setOpenRegion(region) {
      openRegion = region;
      const button = $('placement-near-region');
      button.disabled = !region;
      button.textContent = region ? `Nearest to ${region.displayName}` : 'Nearest to the open region';
    },
  };
}
