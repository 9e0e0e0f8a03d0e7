/**
 * Group commit for one kind of statement on the hot path: a call made while no group runs starts one at once
 * (after the current microtasks, so calls made together go together); calls made while a group's statement runs
 * wait and go together in the next one. Under load N concurrent callers cost about one statement instead of N;
 * when idle a call waits for nothing. One group at a time (one pool connection at most); at most `maxGroup`
 * inputs per statement. `runGroup` must be atomic (one statement, or one transaction): when a group's statement
 * fails, its inputs are run again one by one, so a bad input fails its own call only, and a failure is never handed
 * to later calls.
 */
export class GroupedStatement<I, O> {
  private waiting: Array<{ input: I; resolve: (output: O) => void; reject: (err: unknown) => void }> = [];
  private running = false;

  /** `runGroup` answers one output per input, in the inputs' order. */
  constructor(private readonly runGroup: (inputs: I[]) => Promise<O[]>, private readonly maxGroup = 200) {}

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.running) {
        this.running = true;
        queueMicrotask(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      const group = this.waiting.splice(0, this.maxGroup);
      try {
        const outputs = await this.runGroup(group.map((g) => g.input));
        group.forEach((g, i) => g.resolve(outputs[i]!));
      } catch (err) {
        if (group.length === 1) group[0]!.reject(err);
        // The group's statement changed nothing (it is atomic): each input again on its own, so that one bad input
        // fails only its own call.
        else await Promise.all(group.map((g) => this.runGroup([g.input]).then((outputs) => g.resolve(outputs[0]!), g.reject)));
      }
    }
    this.running = false;
  }
}
