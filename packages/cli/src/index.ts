export { run, EXIT_OK, EXIT_BAD_DATA, EXIT_USAGE } from './program.js';
