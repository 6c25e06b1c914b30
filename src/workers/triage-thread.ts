// The module a triage thread runs (see triage-pool.ts): the real classifier.
import { classify } from '../core/triage/index.js';
import { serveTriage } from './serve-triage.js';

serveTriage(classify);
