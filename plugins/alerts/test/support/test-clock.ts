/** A clock the test moves by hand; starts at a whole minute. */
export class TestClock {
  now: number;
  constructor(start = Math.floor(Date.now() / 60_000) * 60_000 + 5_000) {
    this.now = start;
  }
  readonly read = (): number => this.now;
  advanceMinutes(minutes: number): void {
    this.now += minutes * 60_000;
  }
  advanceMs(ms: number): void {
    this.now += ms;
  }
}
