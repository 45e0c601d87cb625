/** `GET /api/lobby` (contract v2, "The lobby"). */
export type LobbyAlert = 'crowded' | 'over-target' | null;

export interface LobbyServiceView {
  serviceId: string;
  waiting: number;
  oldestWaitMin: number | null;
  windowsServing: number;
  alert: LobbyAlert;
}

export interface LobbyWindowView {
  windowId: string;
  state: 'closed' | 'open' | 'paused';
  queue: number;
}

export interface LobbyView {
  services: LobbyServiceView[];
  windows: LobbyWindowView[];
  /** Who waits, by number (added by this hub beyond the contract). */
  tickets?: { id: string; number: string; serviceId: string }[];
}
