// Every request of the page goes through apiFetch, so a credential the user entered travels with each one.
// The credential lives in sessionStorage only: it ends with the browser tab.

const KEY = 'regiongrains.credential';

export function getCredential() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
  } catch {
    return null;
  }
}

export function setCredential(credential) {
  if (credential && credential.value) {
    sessionStorage.setItem(KEY, JSON.stringify({ kind: credential.kind, value: credential.value }));
  } else {
    sessionStorage.removeItem(KEY);
  }
}

export function authHeaders() {
  const credential = getCredential();
  if (!credential) return {};
  return credential.kind === 'apikey'
    ? { 'X-Api-Key': credential.value }
    : { Authorization: `Bearer ${credential.value}` };
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function apiFetch(path, init = {}) {
  const headers = { Accept: 'application/json', ...authHeaders(), ...(init.headers ?? {}) };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    ...init,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not a problem document */ }
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function getJson(path) {
  const response = await apiFetch(path);
  return { body: await response.json(), next: nextLink(response) };
}

// The target of a `Link: <...>; rel="next"` header, or null.
export function nextLink(response) {
  const header = response.headers.get('Link');
  if (!header) return null;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (match) return match[1];
  }
  return null;
}

// The whole directory, following the gateway's paging links.
export async function getAllRegions() {
  const regions = [];
  let path = '/api/regions';
  while (path) {
    const page = await getJson(path);
    regions.push(...page.body);
    path = page.next;
  }
  return regions;
}

// What a bearer token says about its holder, for display only; the server decides what is allowed.
export function describeCredential(credential) {
  if (!credential) return 'Not signed in';
  if (credential.kind === 'apikey') return 'API key';
  try {
    const payload = JSON.parse(atob(credential.value.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    const roles = [payload.role ?? payload.roles ?? []].flat();
    const who = payload.sub ?? payload.name ?? payload.unique_name ?? 'token';
    return roles.length ? `${who} (${roles.join(', ')})` : who;
  } catch {
    return 'Bearer token';
  }
}
