import { css } from 'lit';

/** Wall-screen look: dark blue, high contrast, sizes in vh so 1080p and 4K read the same from 5 m. */
export const displayStyles = css`
  :host { display: grid; grid-template-rows: 8vh 1fr auto auto; grid-template-columns: minmax(0, 1fr); height: 100vh; overflow: hidden;
    background: linear-gradient(160deg, #0b2545 0%, #13315c 100%); color: #fff; }
  header { display: flex; align-items: center; gap: 2vw; padding: 0 2.5vw; background: rgba(0, 0, 0, 0.25); }
  /* A long hall name gives way (ellipsis); the clock, link state and language switch keep their room. */
  h1 { flex: 1; min-width: 0; margin: 0; font-size: 4.4vh; font-weight: 600; letter-spacing: 0.1em;
    white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .clock { flex: none; font-size: 4.4vh; font-variant-numeric: tabular-nums; }
  header connection-badge, header lang-switch { flex: none; }
  lang-switch { font-size: max(13px, 1.6vh); opacity: 0.7; }
  main { display: grid; grid-template-columns: 3fr 2fr; gap: 2vw; padding: 2vh 2.5vw; min-height: 0; }
  .latest { display: flex; flex-direction: column; align-items: center; justify-content: center;
    border-radius: 2vh; background: rgba(255, 255, 255, 0.07); border: 0.3vh solid rgba(255, 214, 0, 0.5); }
  .latest-label { font-size: 4vh; color: #9fb7d9; }
  .latest-number { font-size: 24vh; line-height: 1.05; font-weight: 700; color: #ffd600; font-variant-numeric: tabular-nums; }
  .latest-window { font-size: 10vh; font-weight: 700; }
  .latest-text { margin-top: 2vh; font-size: 3.6vh; color: #dbe7f7; }
  .latest-empty { font-size: 8vh; color: #9fb7d9; }
  .side { display: flex; flex-direction: column; min-height: 0; overflow: hidden; }
  /* Five rows always fit whole; the queues below give way (they page). */
  .recent { flex: none; }
  h2 { margin: 0 0 1vh; font-size: 3.4vh; color: #9fb7d9; font-weight: 500; }
  ol, ul { list-style: none; margin: 0 0 2vh; padding: 0; }
  .recent li { display: flex; align-items: center; gap: 1vw; font-size: 4.2vh; line-height: 1.25; padding: 0.3vh 1vw;
    border-bottom: 1px solid rgba(255, 255, 255, 0.12); }
  .recent .num { font-weight: 700; color: #fff; font-variant-numeric: tabular-nums; }
  .recent .rwin { color: #ffd600; margin-left: auto; }
  .rtag, .wtag { font-size: 2.6vh; font-weight: 700; padding: 0.2vh 0.8vw; border-radius: 0.8vh; vertical-align: middle; white-space: nowrap; }
  .called .rtag, .called .wtag { background: #ffd600; color: #0b2545; }
  .serving .rtag, .serving .wtag { background: #2ecc71; color: #0b2545; }
  /* Called: walk to the window now, so it moves; being served: steady green. */
  .win.called { border: 0.4vh solid #ffd600; animation: calledPulse 1.4s ease-in-out infinite; }
  .win.called .wcur { color: #ffd600; }
  .win.serving { border: 0.4vh solid #2ecc71; }
  .win.serving .wcur { color: #7ee2a8; }
  @keyframes calledPulse { 50% { background: rgba(255, 214, 0, 0.28); } }
  @media (prefers-reduced-motion: reduce) { .win.called { animation: none; background: rgba(255, 214, 0, 0.22); } }
  .ctag { font-size: 2.8vh; padding: 0 0.6vw; border-radius: 0.6vh; background: rgba(255, 255, 255, 0.2); color: #fff; }
  .sound-blocked { position: fixed; z-index: 5; top: 8vh; left: 0; right: 0; padding: 1.2vh 2.5vw; background: #c0392b; color: #fff;
    font-size: 3.6vh; font-weight: 700; text-align: center; }
  /* The call on the big panel heads the list, so the list is never empty while calls exist. */
  .recent li.now { background: rgba(255, 214, 0, 0.16); border-radius: 1vh; }
  .recent li.now .num { color: #ffd600; }
  .page { font-size: 0.7em; color: #9fb7d9; }
  .queues { display: grid; grid-template-columns: 1fr 1fr; gap: 1vh 1vw; min-height: 0; overflow: hidden; }
  .queues li { display: flex; justify-content: space-between; align-items: center; gap: 0.6vw; font-size: 3vh; line-height: 1.2;
    padding: 0.4vh 1vw; border-radius: 1vh; background: rgba(255, 255, 255, 0.08); }
  .queues .svc { min-width: 0; overflow-wrap: anywhere; }
  .queues .count { flex: none; font-size: 3.8vh; font-weight: 700; color: #7ee2a8; }
  .queues li.alert { background: rgba(231, 76, 60, 0.55); }
  .queues li.alert .count { color: #fff; }
  .windows { display: grid; grid-template-columns: repeat(var(--cols, 6), minmax(0, 1fr)); gap: 1vw; padding: 0 2.5vw 2vh; }
  .win { border-radius: 1.5vh; padding: 1.2vh 1vw; background: rgba(255, 255, 255, 0.1); text-align: center; min-height: 16vh; }
  .win.closed { opacity: 0.45; }
  .win.none { grid-column: 1 / -1; font-size: 4vh; color: #9fb7d9; display: flex; align-items: center; justify-content: center; }
  .strip-note { grid-column: 1 / -1; text-align: right; font-size: 2.4vh; color: #9fb7d9; margin-top: -0.5vh; }
  .wnote, .wstaff { overflow-wrap: anywhere; }
  connection-badge { font-size: 2vh; }
  .win.paused { background: rgba(231, 76, 60, 0.35); border: 0.3vh solid #e74c3c; }
  .wnum { font-size: 2.8vh; color: #9fb7d9; }
  .wcur { font-size: 6vh; line-height: 1.15; font-weight: 700; font-variant-numeric: tabular-nums; }
  .wcur.empty { color: rgba(255, 255, 255, 0.35); }
  /* Names and pause notes read from 5 m: at least 3.5% of the screen's height. */
  .wstaff { font-size: 3.6vh; line-height: 1.2; }
  .wstate { font-size: 3.6vh; font-weight: 700; margin: 0.6vh 0; }
  .wnote { font-size: 3.6vh; line-height: 1.2; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
  .wback { font-size: 2.8vh; color: #ffd6d6; }
  .paused .wtag { background: #e74c3c; color: #fff; }
  small { font-size: 0.8em; color: #cfd8e3; }
  .notice { height: 7vh; display: flex; align-items: center; background: #ffd600; color: #0b2545; overflow: hidden; font-size: 3.6vh; }
  .notice .label { padding: 0 1.5vw; font-weight: 700; background: #0b2545; color: #ffd600; height: 100%;
    display: flex; align-items: center; z-index: 1; }
  .track { flex: 1; overflow: hidden; white-space: nowrap; }
  /* Two copies side by side scroll by one copy's width: a seamless loop that starts readable. */
  .track { display: flex; }
  .track span { flex: none; padding: 0 6vw 0 2vw; animation: scroll 40s linear infinite; }
  @keyframes scroll { to { transform: translateX(-100%); } }
  @media (prefers-reduced-motion: reduce) { .track span { animation: none; } }
`;
