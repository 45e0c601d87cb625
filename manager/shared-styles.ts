import { css } from 'lit';

/** Tables, cards and forms of the manager app; print drops the controls and keeps the figures. */
export const managerStyles = css`
  :host { display: block; font-size: 15px; }
  h2 { font-size: 19px; margin: 18px 0 10px; }
  h3 { font-size: 16px; margin: 14px 0 8px; }
  .bar { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; margin-bottom: 12px; }
  input, select, textarea, button { font: inherit; padding: 6px 10px; border: 1px solid #b8c2cc; border-radius: 6px; background: #fff; }
  button { cursor: pointer; background: #eef2f6; }
  button.primary { background: #1f4e79; color: #fff; border-color: #1f4e79; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { border: 1px solid #d5dbe3; padding: 6px 8px; text-align: left; vertical-align: top; }
  th { background: #eef2f6; font-weight: 600; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  tr.clickable { cursor: pointer; }
  tr.clickable:hover, tr.selected { background: #e8f1fb; }
  .card { background: #fff; border: 1px solid #d5dbe3; border-radius: 10px; padding: 14px 18px; margin: 12px 0; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 12px; }
  .neg { color: #b00020; }
  .pos { color: #1b7f3a; }
  .muted { color: #66727f; }
  .error { color: #b00020; }
  .tag { display: inline-block; padding: 1px 8px; border-radius: 10px; background: #eef2f6; font-size: 13px; }
  .tag.open { background: #d8f0df; } .tag.paused { background: #fff0c2; } .tag.closed { background: #f6d5d8; }
  form.inline { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px; align-items: end; }
  form.inline input:not([type=checkbox]), form.inline select, form.inline textarea { width: 100%; box-sizing: border-box; min-width: 0; }
  form.inline .days { grid-column: span 2; }
  form.inline .days label { display: inline-flex; align-items: center; gap: 2px; margin-right: 10px; white-space: nowrap; }
  label { display: grid; gap: 4px; font-size: 14px; }
  ul.evidence { margin: 4px 0 0; padding-left: 18px; }
  @media print {
    .bar, form, button, .noprint { display: none !important; }
    .card { border: 0; padding: 0; }
    table { font-size: 12px; }
  }
`;
