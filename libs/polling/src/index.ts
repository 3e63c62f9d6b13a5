export { waitFor, type WaitForOptions, WaitTimeoutError } from './wait-for';
