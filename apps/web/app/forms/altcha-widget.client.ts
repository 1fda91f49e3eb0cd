// The CSP-friendly build: its styles are a file and its worker is loaded from this origin.
import 'altcha/external';
import 'altcha/altcha.css';
import 'altcha/i18n/ru';
import 'altcha/i18n/kk';
import 'altcha/i18n/en';
import ShaWorker from 'altcha/workers/sha?worker';

for (const algorithm of ['SHA-256', 'SHA-384', 'SHA-512']) {
  globalThis.$altcha.algorithms.set(algorithm, () => new ShaWorker());
}
