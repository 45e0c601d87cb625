import '../ui/base.css';
import './book-app.ts';

/** /book — a visitor books a slot from their phone; no live link needed (slots are fetched on demand). */
document.body.append(document.createElement('book-app'));
