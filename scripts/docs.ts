/** `npm run docs`: writes the generated documentation (the configuration reference). */
import { writeFileSync } from 'node:fs';
import { configurationReference, REFERENCE_FILE } from './config-reference.ts';

writeFileSync(REFERENCE_FILE, configurationReference());
console.log(`wrote ${REFERENCE_FILE}`);
