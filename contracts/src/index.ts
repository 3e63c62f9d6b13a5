export { UUID_PATTERN, uuidv7 } from './uuidv7';
