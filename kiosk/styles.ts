import { css } from 'lit';

/** Kiosk look: big touch targets (at least 12 vh), portrait 1080×1920 or landscape. */
export const kioskStyles = css`
  :host { display: flex; flex-direction: column; min-height: 100vh; background: linear-gradient(180deg, #0b2545, #13315c); color: #fff; }
  header { display: flex; align-items: center; gap: 2vw; padding: 2vh 4vw; background: rgba(0, 0, 0, 0.25); }
  /* One line whatever the hall's name: every line here is taken from the service cards below. */
  h1 { flex: 1; min-width: 0; margin: 0; font-size: 3.4vh; letter-spacing: 0.08em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  header connection-badge { flex: none; font-size: 1.8vh; }
  lang-switch { flex: none; font-size: 2.2vh; }
  main { flex: 1; padding: 1.4vh 4vw; }
  .prompt { font-size: 4vh; text-align: center; margin: 0 0 1.2vh; font-weight: 600; }
  .services { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(720px, 100%), 1fr)); gap: 1vh 2.4vw; }
  .service { display: grid; grid-template-columns: auto 1fr auto; grid-template-areas: 'p n m';
    align-items: center; gap: 0.4vh 2.4vw; text-align: left; min-height: 11vh; padding: 1.2vh 2.5vw; border: 0;
    border-radius: 2.2vh; background: #fff; color: #0b2545; font: inherit; cursor: pointer;
    box-shadow: 0 0.6vh 1.6vh rgba(0, 0, 0, 0.3); }
  .service:active { transform: scale(0.98); }
  .prefix { grid-area: p; width: 8vh; height: 8vh; border-radius: 50%; background: #1f6feb; color: #fff;
    display: flex; align-items: center; justify-content: center; font-size: 4.4vh; font-weight: 800; }
  .stext { grid-area: n; display: flex; flex-direction: column; gap: 0.5vh; }
  .sname { font-size: 3.8vh; font-weight: 700; line-height: 1.2; }
  .meta { grid-area: m; font-size: 2.6vh; color: #3d5a80; text-align: right; white-space: nowrap; }
  .meta b { font-size: 3.2vh; color: #0b2545; }
  .meta.big { font-size: 3vh; color: #dbe7f7; text-align: left; white-space: normal; }
  .limit { font-size: 2.2vh; color: #c0392b; }
  .limit:empty { display: none; }
  /* Out of numbers or past the cut-off: greyed before anyone taps, the reason where the wait would be. */
  .service.off { background: #cfd6e0; color: #5b6b80; box-shadow: none; }
  .service.off .prefix { background: #8a97a8; }
  .meta.reason { color: #b03a2e; font-weight: 700; font-size: 3vh; white-space: normal; max-width: 8em; }
  .nowin { color: #b9770e; font-weight: 700; }
  .off-banner { margin: 2vh 0; padding: 2vh 2vw; border-radius: 1.5vh; background: #c0392b; font-size: 4vh; font-weight: 700;
    display: flex; flex-direction: column; gap: 0.8vh; }
  .off-banner small { font-size: 2.6vh; font-weight: 400; }
  .detail { max-width: 1000px; margin: 0 auto; }
  .detail h2 { font-size: 6vh; margin: 1vh 0; }
  .detail h3 { font-size: 3.2vh; color: #ffd600; margin: 3vh 0 1vh; }
  .guide { font-size: 2.8vh; line-height: 1.5; }
  .materials { font-size: 3vh; line-height: 1.7; padding-left: 1.4em; margin: 0; }
  .actions { display: flex; gap: 3vw; margin-top: 4vh; }
  .take { flex: 1; min-height: 12vh; font: inherit; font-size: 4.4vh; font-weight: 700; border: 0; border-radius: 2.2vh;
    background: #ffd600; color: #0b2545; cursor: pointer; display: flex; flex-direction: column; align-items: center; justify-content: center; }
  .take.green { background: #27ae60; color: #fff; }
  .take small { font-size: 2vh; font-weight: 400; }
  .take[disabled] { opacity: 0.5; }
  .back { margin-top: 3vh; font: inherit; font-size: 3vh; background: transparent; color: #dbe7f7; border: 1px solid #dbe7f7;
    border-radius: 1.5vh; padding: 1.2vh 3vw; cursor: pointer; }
  .error { margin-top: 3vh; padding: 2vh 2vw; border-radius: 1.5vh; background: #c0392b; font-size: 3.2vh; font-weight: 700; }
  .printer-alert { background: #e67e22; color: #fff; font-size: 2.4vh; line-height: 1.3; padding: 0.8vh 4vw; font-weight: 700; }
  .printer-alert.held { background: #1f6feb; display: flex; align-items: center; gap: 2vw; flex-wrap: wrap; }
  .printer-alert.low, .printer-alert.note { background: #5b6b80; }
  .print-held { font: inherit; font-size: 2.6vh; font-weight: 700; border: 0; border-radius: 1vh; padding: 0.8vh 2vw; background: #fff; color: #0b2545; cursor: pointer; }
  .print-held small { font-weight: 400; }
  /* The commonest matters on the button: older visitors look for 高龄津贴, not for 民政救助. */
  .service:has(.matters) { grid-template-areas: 'p n m' 'p t t'; }
  .matters { grid-area: t; display: flex; flex-wrap: wrap; gap: 0.6vh 1vw; }
  .matters span { font-size: 2.6vh; line-height: 1.3; padding: 0.2vh 1.2vw; border-radius: 1vh; background: #e8f0fe; color: #0b2545; }
  .matters .limit { background: none; padding: 0.2vh 0; align-self: center; }
  .where { font-size: 3.2vh; font-weight: 700; color: #ffd600; margin: 1vh 0; }
`;
