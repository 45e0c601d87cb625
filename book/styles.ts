import { css } from 'lit';

/** The booking page on a phone (390×844): one column, thumb-sized targets, light and calm. */
export const bookStyles = css`
  :host { display: flex; flex-direction: column; min-height: 100vh; background: #f3f6fb; color: #0b2545; font-size: 16px; }
  header { display: flex; align-items: center; gap: 8px; padding: 10px 14px; background: #0b2545; color: #fff; position: sticky; top: 0; z-index: 2; }
  h1 { flex: 1; min-width: 0; margin: 0; font-size: 18px; display: flex; flex-direction: column; }
  h1 small { font-size: 12px; font-weight: 400; opacity: 0.8; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .back { font: inherit; font-size: 28px; line-height: 1; width: 40px; height: 40px; border: 0; border-radius: 50%; background: rgba(255, 255, 255, 0.15); color: #fff; cursor: pointer; }
  main { padding: 14px; display: flex; flex-direction: column; gap: 12px; }
  h2 { margin: 4px 0 0; font-size: 20px; }
  h3 { margin: 0 0 8px; font-size: 16px; color: #3d4f66; }
  .muted { color: #5b6b80; }
  .small { font-size: 13px; font-weight: 400; }
  .services { display: flex; flex-direction: column; gap: 10px; }
  .service { display: flex; align-items: center; gap: 12px; min-height: 64px; padding: 10px 12px; border: 0; border-radius: 14px;
    background: #fff; color: inherit; font: inherit; text-align: left; box-shadow: 0 1px 6px rgba(11, 37, 69, 0.1); cursor: pointer; }
  .prefix { flex: none; width: 44px; height: 44px; border-radius: 50%; background: #1f6feb; color: #fff; display: flex;
    align-items: center; justify-content: center; font-weight: 800; font-size: 20px; }
  .sname { flex: 1; font-size: 18px; font-weight: 700; display: flex; flex-direction: column; gap: 2px; }
  .sname small { font-size: 13px; font-weight: 400; color: #5b6b80; }
  .go { font-size: 26px; color: #9fb3cc; }
  .svc-head { background: #fff; border-radius: 14px; padding: 12px 14px; }
  .materials { margin: 6px 0 0; padding-left: 1.4em; line-height: 1.6; }
  slot-picker { background: #fff; border-radius: 14px; padding: 0 12px 12px; }
  .who { background: #fff; border-radius: 14px; padding: 12px 14px; display: flex; flex-direction: column; gap: 12px; }
  .chosen { font-size: 18px; font-weight: 800; color: #1f6feb; }
  label { display: flex; flex-direction: column; gap: 6px; font-weight: 700; }
  input { font: inherit; font-size: 20px; padding: 10px 12px; border: 1px solid #9fb3cc; border-radius: 10px; min-height: 48px; width: 100%; box-sizing: border-box; }
  input[aria-invalid='true'] { border-color: #c0392b; outline: 2px solid #f5b7b1; }
  .field-error { color: #c0392b; font-size: 14px; font-weight: 700; }
  .primary, .danger, .ghost-btn { font: inherit; font-weight: 700; border-radius: 12px; min-height: 52px; padding: 0 18px; cursor: pointer; }
  .primary { background: #1f6feb; color: #fff; border: 0; font-size: 18px; }
  .danger { background: #c0392b; color: #fff; border: 0; }
  .ghost-btn { background: #fff; color: #0b2545; border: 1px solid #9fb3cc; min-height: 44px; }
  button[disabled] { opacity: 0.5; cursor: not-allowed; }
  .error { background: #fdecea; color: #c0392b; border-left: 5px solid #c0392b; padding: 10px 12px; border-radius: 8px; font-weight: 700; line-height: 1.5; }
  .notice { background: #e8f8ef; color: #1e8449; border-left: 5px solid #1e8449; padding: 10px 12px; border-radius: 8px; font-weight: 700; }
  .kept { background: #fff; border-radius: 14px; padding: 12px 14px; }
  .kept-row { display: flex; align-items: center; justify-content: space-between; gap: 10px; padding: 8px 0; border-top: 1px solid #e3e9f1; }
  .by-code { background: #fff; border-radius: 14px; padding: 12px 14px; }
  .inline { display: flex; gap: 8px; }
  .inline input { flex: 1; min-width: 0; }
  .after { display: flex; gap: 10px; }
  .after button { flex: 1; }
  .sheet { position: fixed; inset: 0; background: rgba(11, 37, 69, 0.5); display: flex; align-items: flex-end; z-index: 5; }
  .sheet-body { background: #fff; width: 100%; border-radius: 18px 18px 0 0; padding: 18px; display: flex; flex-direction: column; gap: 10px; }
  .sheet-body p { font-size: 18px; margin: 0 0 6px; }
`;
