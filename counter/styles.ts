import { css } from 'lit';

/** Counter terminal look: a 1366×768 desktop, light cards, clear disabled states. */
export const counterStyles = css`
  :host { display: block; min-height: 100vh; background: #e9eef5; color: #0b2545; }
  header { display: flex; align-items: center; gap: 1.2vw; padding: 1.2vh 2vw; background: #0b2545; color: #fff; }
  h1 { flex: 1; margin: 0; font-size: 1.4rem; }
  .who { font-size: 1rem; }
  main { padding: 2vh 2vw; }
  .card { background: #fff; border-radius: 12px; padding: 2.4vh 2vw; box-shadow: 0 2px 10px rgba(11, 37, 69, 0.12); }
  .login { max-width: 420px; margin: 8vh auto; display: flex; flex-direction: column; gap: 1.6vh; }
  label { display: flex; flex-direction: column; gap: 0.6vh; font-weight: 600; }
  input { font: inherit; font-size: 1.2rem; padding: 1vh 0.8vw; border: 1px solid #9fb3cc; border-radius: 8px; }
  button { font: inherit; cursor: pointer; }
  .primary, .act { border: 0; border-radius: 10px; padding: 1.4vh 1.4vw; font-size: 1.1rem; font-weight: 600; background: #dfe7f2; color: #0b2545; }
  .primary, .act.primary { background: #1f6feb; color: #fff; }
  .act.big { font-size: 1.4rem; }
  .act.ok { background: #27ae60; color: #fff; }
  .act.warn { background: #e67e22; color: #fff; }
  button[disabled] { opacity: 0.38; cursor: not-allowed; }
  .ghost { background: transparent; border: 1px solid rgba(255, 255, 255, 0.6); color: #fff; border-radius: 999px; padding: 0.3em 0.9em; }
  .act.ghost-dark { background: transparent; border: 1px solid #9fb3cc; }
  .mine { outline: 3px solid #ffd600; }
  .error { background: #fdecea; color: #c0392b; border-left: 4px solid #c0392b; padding: 1vh 1vw; border-radius: 6px; font-weight: 600; }
  .window-list { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1.6vh 1.4vw; margin-top: 2vh; }
  .window-choice { border: 1px solid #d3dce8; border-radius: 10px; padding: 1.6vh 1vw; }
  .wtitle { font-weight: 700; font-size: 1.1rem; }
  .wsub { color: #5b6b80; margin: 0.6vh 0 1vh; }
  .posts { display: flex; gap: 0.8vw; }
  .posts button { flex: 1; font-size: 1rem; }
  .window-choice.taken { background: #f3f6fb; }
  .primary.handover { background: #e67e22; }
  .desk { display: grid; grid-template-columns: 2fr 1fr; gap: 1.6vw; }
  .current .label { color: #5b6b80; margin-top: 1vh; }
  .cur-number { font-size: 5.5rem; font-weight: 800; line-height: 1.1; color: #c0392b; font-variant-numeric: tabular-nums; }
  .cur-number.empty { color: #c3ccd8; }
  .cur-status { font-size: 1.2rem; color: #5b6b80; margin-bottom: 1vh; }
  .actions { display: grid; grid-template-columns: repeat(4, 1fr); gap: 0.8vw; margin-top: 1.4vh; }
  .panel { margin-top: 2vh; padding: 1.6vh 1vw; background: #f3f6fb; border-radius: 10px; }
  .hint { margin-top: 2vh; color: #5b6b80; font-size: 0.9rem; }
  .side h3 { margin: 0 0 1vh; display: flex; justify-content: space-between; }
  .total { color: #1f6feb; }
  .queue { list-style: none; padding: 0; margin: 0 0 3vh; }
  .queue li { display: flex; justify-content: space-between; padding: 1vh 0; border-bottom: 1px solid #e3e9f1; }
  .next { list-style: none; padding: 0; margin: 0 0 1vh; }
  .next li { display: flex; align-items: baseline; gap: 0.6vw; padding: 0.6vh 0.4vw; border-bottom: 1px solid #e3e9f1; }
  .next li.first { background: #eef4ff; border-radius: 6px; }
  .nnum { font-size: 1.5rem; font-weight: 800; font-variant-numeric: tabular-nums; min-width: 4.2em; }
  .nsvc { color: #5b6b80; flex: 1; min-width: 0; overflow-wrap: anywhere; }
  .prio { background: #27ae60; color: #fff; border-radius: 999px; padding: 0 0.6em; font-size: 0.85rem; }
  .more { color: #5b6b80; font-size: 0.95rem; margin-bottom: 2vh; }
  .ptitle { font-weight: 700; font-size: 1.15rem; }
  .phint { color: #5b6b80; margin: 0.4vh 0 1vh; }
  /* A hall with many services scrolls the choices inside the dialog, never the page. */
  .choices { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.8vw; max-height: 32vh; overflow-y: auto; padding: 2px; }
  .act.choice { display: flex; flex-direction: column; align-items: flex-start; text-align: left; background: #fff; border: 1px solid #9fb3cc; }
  .act.choice small { font-weight: 400; color: #5b6b80; }
  .act.choice[aria-pressed='true'] { background: #1f6feb; color: #fff; border-color: #1f6feb; }
  .act.choice[aria-pressed='true'] small { color: #dbe7f7; }
  .reason { margin-top: 1.2vh; font-weight: 600; }
  .error { display: flex; justify-content: space-between; gap: 1vw; margin-top: 1vh; }
  .side .mine { outline: none; font-size: 3.6rem; font-weight: 800; color: #27ae60; }
`;
