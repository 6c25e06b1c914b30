/**
 * Multi-pattern substring search (Aho–Corasick): one pass over the text finds every
 * occurrence of every cue, so classifying a message costs the same with 50 cues or 5,000.
 */
export interface PatternHit {
  pattern: number;
  start: number;
  end: number;
}

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Pattern ids ending here, including those reached through fail links. */
  out: number[];
}

export class AhoCorasick {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  private readonly lengths: number[] = [];
  /** The root's moves as a dense table: most characters of a message are read from the root. */
  private readonly rootNext = new Int32Array(0x10000);

  constructor(patterns: readonly string[]) {
    patterns.forEach((p, id) => {
      this.lengths[id] = p.length;
      if (!p) return;
      let state = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let n = this.nodes[state]!.next.get(c);
        if (n === undefined) {
          n = this.nodes.length;
          this.nodes.push({ next: new Map(), fail: 0, out: [] });
          this.nodes[state]!.next.set(c, n);
        }
        state = n;
      }
      this.nodes[state]!.out.push(id);
    });
    const queue: number[] = [];
    for (const child of this.nodes[0]!.next.values()) queue.push(child);
    while (queue.length) {
      const s = queue.shift()!;
      for (const [c, child] of this.nodes[s]!.next) {
        let f = this.nodes[s]!.fail;
        while (f !== 0 && !this.nodes[f]!.next.has(c)) f = this.nodes[f]!.fail;
        const target = this.nodes[f]!.next.get(c);
        this.nodes[child]!.fail = target !== undefined && target !== child ? target : 0;
        this.nodes[child]!.out.push(...this.nodes[this.nodes[child]!.fail]!.out);
        queue.push(child);
      }
    }
    for (const [c, child] of this.nodes[0]!.next) this.rootNext[c] = child;
  }

  search(text: string): PatternHit[] {
    const hits: PatternHit[] = [];
    const root = this.rootNext;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let n: number | undefined;
      while (state !== 0 && (n = this.nodes[state]!.next.get(c)) === undefined) state = this.nodes[state]!.fail;
      state = state === 0 ? root[c]! : n!;
      const out = this.nodes[state]!.out;
      for (let j = 0; j < out.length; j++) {
        const id = out[j]!;
        hits.push({ pattern: id, start: i + 1 - this.lengths[id]!, end: i + 1 });
      }
    }
    return hits;
  }
}
