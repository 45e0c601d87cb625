import { css } from 'lit';

/** The desk's ticket details, pause notice and action feedback. */
export const deskStyles = css`
  .ticket-info, .pause-info { margin: 0.6vh 0 0.4vh; padding: 0.8vh 1vw; border-radius: 8px; background: #f3f6fb; line-height: 1.6; }
  .ticket-info .k { color: #5b6b80; }
  .transfer-note { color: #8a4b00; }
  .pause-info { background: #fff4e5; border-left: 4px solid #e67e22; }
  .pause-info .late { color: #c0392b; font-weight: 700; }
  .notice { margin-top: 1vh; padding: 0.8vh 1vw; border-radius: 6px; background: #e8f5ec; color: #1e7d45; border-left: 4px solid #27ae60; font-weight: 600; }
  .act.armed { outline: 3px solid #c0392b; }
`;
