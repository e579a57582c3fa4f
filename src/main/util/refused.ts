/**
 * A request the core refuses as asked, in the state it is in (an expired export, nothing built yet,
 * a sync already running): not a fault. Its message tells the person what to do; the API answers it
 * as `invalid_input`, never as an internal error.
 */
export class RefusedRequest extends Error {
  override name = 'RefusedRequest';
}
