import { css } from 'lit';

/**
 * The lobby tablet (10 inch, 1280×800, held in one hand): light cards, every target at least
 * 48 px high, two columns that scroll on their own so the header and the find box never move.
 */
export const lobbyStyles = css`
  :host { display: block; color: #0b2545; font-size: 16px; }
  button { font: inherit; cursor: pointer; color: inherit; }
  button[disabled] { opacity: 0.4; cursor: not-allowed; }
  .card { background: #fff; border-radius: 14px; padding: 14px 16px; box-shadow: 0 2px 10px rgba(11, 37, 69, 0.1); }
  h2 { font-size: 18px; margin: 0 0 10px; display: flex; align-items: center; gap: 8px; }
  h3 { font-size: 16px; margin: 12px 0 8px; color: #3d4f66; }
  .muted { color: #5b6b80; }
  .btn { min-height: 48px; padding: 0 16px; border-radius: 12px; border: 1px solid #9fb3cc; background: #fff; font-weight: 700; }
  .btn.primary { background: #1f6feb; border-color: #1f6feb; color: #fff; }
  .btn.danger { background: #c0392b; border-color: #c0392b; color: #fff; }
  .btn.green { background: #27ae60; border-color: #27ae60; color: #fff; }
  .chips { display: flex; flex-wrap: wrap; gap: 8px; }
  .chip { min-height: 48px; min-width: 64px; padding: 4px 14px; border-radius: 12px; border: 1px solid #9fb3cc; background: #fff;
    font-weight: 700; display: inline-flex; flex-direction: column; align-items: center; justify-content: center; text-align: center; }
  .chip small { font-weight: 400; font-size: 12px; color: #5b6b80; }
  .chip[aria-pressed='true'] { background: #1f6feb; border-color: #1f6feb; color: #fff; }
  .chip[aria-pressed='true'] small { color: #dbe7f7; }
  .chip.num { font-size: 20px; font-variant-numeric: tabular-nums; }
  input, select { font: inherit; font-size: 18px; min-height: 48px; padding: 6px 12px; border: 1px solid #9fb3cc; border-radius: 10px; box-sizing: border-box; }
  label { display: flex; flex-direction: column; gap: 6px; font-weight: 700; }
  .error { background: #fdecea; color: #c0392b; border-left: 5px solid #c0392b; padding: 10px 12px; border-radius: 8px; font-weight: 700; margin: 8px 0; }
  .ok { background: #e8f8ef; color: #1e8449; border-left: 5px solid #1e8449; padding: 10px 12px; border-radius: 8px; font-weight: 700; margin: 8px 0; }
  .badge { display: inline-block; border-radius: 999px; padding: 2px 10px; font-size: 13px; font-weight: 700; background: #dfe7f2; color: #0b2545; }
  .badge.crowded { background: #c0392b; color: #fff; }
  .badge.over-target { background: #e67e22; color: #fff; }
  .badge.prio { background: #27ae60; color: #fff; }
  .badge.appt { background: #8e44ad; color: #fff; }
  .badge.pin { background: #1f6feb; color: #fff; }
  .badge.moved { background: #f1c40f; color: #0b2545; }
  .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  .grow { flex: 1; min-width: 0; }
`;
