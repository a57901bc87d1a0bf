// The domain's vocabulary as the page needs it: statuses in lifecycle order, their colours, and the
// lifecycle table of DESIGN.md. The server stays the authority: a 409 carries the allowed targets, and
// those replace what this table says.

export const STATUSES = [
  'Planned', 'UnderConstruction', 'Launching', 'Online',
  'Degraded', 'Maintenance', 'Offline', 'Decommissioned',
];

export const GEOGRAPHIES = ['Americas', 'Europe', 'AsiaPacific', 'MiddleEast', 'Africa'];

// Announced regions: on their way, not yet serving. They get a ring on the map.
export const ANNOUNCED = new Set(['Planned', 'UnderConstruction', 'Launching']);

// The statuses in which a region takes reservations (RegionLifecycle.AcceptsReservations): placement only ever
// offers regions in one of them, so they are the ones worth filtering by.
export const RESERVABLE = ['Launching', 'Online', 'Degraded'];

export const TRANSITIONS = {
  Planned: ['UnderConstruction', 'Decommissioned'],
  UnderConstruction: ['Launching', 'Decommissioned'],
  Launching: ['Online', 'UnderConstruction'],
  Online: ['Degraded', 'Maintenance', 'Offline'],
  Degraded: ['Online', 'Maintenance', 'Offline'],
  Maintenance: ['Online', 'Degraded', 'Offline'],
  Offline: ['Online', 'Maintenance', 'Decommissioned'],
  Decommissioned: [],
};

// Human labels: the wire values stay as they are in data attributes.
export function label(value) {
  return value === 'AsiaPacific' ? 'Asia Pacific'
    : value === 'MiddleEast' ? 'Middle East'
    : value.replace(/([a-z])([A-Z])/g, '$1 $2');
}
