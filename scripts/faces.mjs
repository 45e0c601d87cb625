// The top-level folders that hold the pages: one per face, plus the code they share (ui/).
// Vite builds each face that has an index.html; start and test rebuild when any of them changed.
export const FACES = ['kiosk', 'display', 'counter', 'pad', 'phone', 'manager', 'lobby', 'book', 'central'];
export const PAGE_DIRS = ['ui', ...FACES];
