/** One attempt's limit: its controller is aborted once `at` (a `performance.now()` time) has passed. */
export interface Deadline {
  at: number;
  controller: AbortController;
}

type Timer = ReturnType<typeof setTimeout> & { ref?(): unknown; unref?(): unknown };

/**
 * The limits of a client's attempts on one timer, armed for the earliest: a timer per attempt is an allocation
 * and a timer-list insert and removal per call. One after the other, calls only add and remove their deadline
 * (the timer, armed for the first one, fires once and re-arms for the next). It holds the process open only while
 * an attempt waits, as a timer of its own would: let go when none waits (Node and Bun), or cleared where a timer is
 * a number (Deno, browsers).
 */
export function createDeadlines() {
  const waiting = new Set<Deadline>();
  let timer: Timer | undefined;
  let firesAt = Infinity;
  const arm = (at: number) => {
    clearTimeout(timer);
    firesAt = at;
    timer = at < Infinity ? (setTimeout(fire, at - performance.now()) as Timer) : undefined;
  };
  function fire() {
    const now = performance.now();
    let next = Infinity;
    for (const deadline of waiting) {
      if (deadline.at > now) next = Math.min(next, deadline.at);
      else {
        waiting.delete(deadline);
        deadline.controller.abort();
      }
    }
    arm(next);
  }
  return {
    /** Aborts `controller` after `ms` unless the deadline is removed first. */
    add(controller: AbortController, ms: number): Deadline {
      const deadline = { at: performance.now() + ms, controller };
      waiting.add(deadline);
      if (deadline.at < firesAt) arm(deadline.at);
      else if (waiting.size === 1) timer?.ref?.();
      return deadline;
    },
    remove(deadline: Deadline | undefined): void {
      if (!deadline || !waiting.delete(deadline) || waiting.size > 0) return;
      if (typeof timer === "object") timer.unref?.();
      else arm(Infinity);
    },
  };
}
